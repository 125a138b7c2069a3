package io.backprop.cli;

import io.backprop.conformance.CaseResult;
import io.backprop.conformance.Capabilities;
import io.backprop.conformance.ConformanceCase;
import io.backprop.conformance.KitRun;
import io.backprop.conformance.Profile;
import io.backprop.conformance.Report;
import io.backprop.error.BackpropException;
import io.backprop.error.IoFailure;
import io.backprop.model.AtomicFile;
import io.backprop.spi.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the conformance kit on one installed backend without JUnit (the kit's {@link KitRun}), prints
 * its one-page summary and writes its report; exits 2 when a case fails.
 */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Runs the conformance kit on the backend --backend names (found on the class path, as every "
                + "command finds it), without JUnit: prints the one-page summary (with --json the report), writes "
                + "BACKEND.json and BACKEND.md into --out, and exits 2 when a case fails.")
final class ConformCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "The directory of the report, made if missing "
            + "(default: ${DEFAULT-VALUE}, under the working directory).")
    Path out = Path.of("target", "backprop-conformance");

    @Option(names = "--profile", paramLabel = "float64|float32", description = "The precision the backend is held "
            + "to: float64, the project's promise (the default), or float32, for a backend that computes in float32.")
    Profile profile = Profile.FLOAT64;

    @Override
    public Integer call() {
        Backend backend = common.selected();
        KitRun run = KitRun.of(backend, Capabilities.everything(), profile, List.of());
        List<Path> files = prepare(Report.fileName(backend.name()));
        for (ConformanceCase c : run.cases()) {
            CurrentWork.is("running the conformance case " + c.id() + " on the " + backend.name() + " backend");
            run.run(c);
        }
        Report report = run.report();
        write(report);

        PrintWriter printer = spec.commandLine().getOut();
        if (common.json) {
            printer.println(report.json());
        } else {
            printer.print(report.markdown());
            printer.println();
            printer.println("written: " + files.get(0) + ", " + files.get(1));
        }
        List<CaseResult> failed = report.cases().stream().filter(c -> c.status() == CaseResult.Status.FAILED).toList();
        if (!failed.isEmpty()) {
            spec.commandLine().getErr().println(BackpropCommand.oneLine("backprop: " + failed.size() + " of "
                    + report.cases().size() + " conformance cases failed on " + backend.name() + ", first "
                    + failed.get(0).id() + ": " + failed.get(0).detail() + " (see " + files.get(1) + ")"));
            return BackpropCommand.EXIT_BAD_INPUT;
        }
        return 0;
    }

    /** The two files of the report, checked writable before any case runs; the directory is made if missing. */
    private List<Path> prepare(String name) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ReportException("--out " + out + ": is a file; expected a directory, or a new name");
        }
        List<Path> files = List.of(out.resolve(name + ".json"), out.resolve(name + ".md"));
        try {
            Files.createDirectories(out);
            for (Path file : files) {
                AtomicFile.checkWritable(file);
            }
        } catch (IOException e) {
            throw new ReportException("--out " + out + ": cannot be written (" + IoFailure.reason(e) + ")", e);
        }
        return files;
    }

    private void write(Report report) {
        try {
            report.write(out);
        } catch (IOException e) {
            throw new ReportException("--out " + out + ": the report cannot be written (" + IoFailure.reason(e) + ")",
                    e);
        }
    }

    /** The report cannot be written where --out says. */
    static final class ReportException extends BackpropException {
        private static final long serialVersionUID = 1L;

        ReportException(String message) {
            super(message);
        }

        ReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
