package io.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backprop.BackendChoice;
import io.backprop.Backends;
import io.backprop.Discovery;
import io.backprop.spi.Backend;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Lists the backends found on the class path and the one selected, and every provider that failed to
 * load and every name given by two providers: the place to look when a backend is missing. Those
 * problems are part of the listing, on stdout, so they are not warnings on stderr as well; the command
 * exits normally unless the selected backend is not usable.
 */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "The backends found, which one is selected, and the providers that failed to load.")
final class BackendsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Discovery discovery = Backends.discover();
        List<Backend> found = discovery.backends();
        BackendChoice choice = common.choice();
        Backend selected = discovery.chosen(choice.explicitly("--backend"));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            ArrayNode list = json.putArray("backends");
            for (Backend backend : found) {
                list.addObject()
                        .put("name", backend.name())
                        .put("description", backend.description())
                        .put("selected", backend.name().equals(selected.name()));
            }
            json.put("selected", selected.name());
            json.put("rule", choice.rule());
            ArrayNode failures = json.putArray("failures");
            for (Discovery.Failure failure : discovery.failures()) {
                failures.addObject().put("provider", failure.provider()).put("reason", failure.reason());
            }
            ArrayNode clashes = json.putArray("clashes");
            for (Discovery.Clash clash : discovery.clashes()) {
                ObjectNode entry = clashes.addObject().put("name", clash.name());
                clash.providers().forEach(entry.putArray("providers")::add);
            }
            out.println(Json.text(json));
            return 0;
        }
        int width = found.stream().mapToInt(b -> b.name().length()).max().orElse(0);
        for (Backend backend : found) {
            out.printf("%s %-" + width + "s  %s%n", backend.name().equals(selected.name()) ? "*" : " ",
                    backend.name(), backend.description());
        }
        for (String problem : discovery.problems()) {
            out.println(BackpropCommand.oneLine("! " + problem));
        }
        out.printf("selected: %s, by %s%n", selected.name(), choice.explicitly("--backend").rule());
        return 0;
    }
}
