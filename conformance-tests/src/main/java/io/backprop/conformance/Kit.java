package io.backprop.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The kit itself, without JUnit: every case, in a stable order, and the kit's version, which every
 * report names. {@link KitRun} runs the cases on a backend; {@link BackendConformanceSuite} runs them
 * as JUnit tests, and {@code backprop conform} without JUnit.
 */
public final class Kit {
    /** How many random networks the generated cases draw. */
    private static final int GENERATED = 60;
    /** The seed of the first generated case; case ids name their seed. */
    private static final long FIRST_SEED = 1;

    private Kit() {
    }

    /** Every case of the kit, in a stable order. */
    public static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>(ArticleCases.all());
        cases.addAll(SaturationCases.all());
        cases.addAll(RunCases.all());
        cases.addAll(BehaviourCases.all());
        cases.addAll(CopyCases.all());
        cases.addAll(EdgeCases.all());
        cases.addAll(ConcurrencyCases.all());
        cases.addAll(ListenerCases.all());
        cases.addAll(RegistrationCases.all());
        cases.addAll(GeneratedCases.of(FIRST_SEED, GENERATED));
        cases.addAll(GradientCases.all());
        cases.addAll(OracleTrajectoryCases.all());
        cases.addAll(OptimizerCases.all());
        cases.addAll(TrainingCases.all());
        cases.addAll(StreamingCases.all());
        cases.addAll(SizeCases.all());
        return cases;
    }

    /** The kit's version, such as {@code "0.1.0"}, as its build recorded it. */
    public static String version() {
        try (InputStream in = Kit.class.getResourceAsStream("kit.properties")) {
            if (in == null) {
                throw new IllegalStateException("the kit's resource kit.properties is missing");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the kit's resource kit.properties cannot be read", e);
        }
    }
}
