package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.error.BackpropException;
import io.backprop.model.Model;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.spi.NativeModelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * How users reach a backend: {@link Backends} finds it by its {@link Backend#name()} through
 * {@link java.util.ServiceLoader}, its networks say that name ({@link Network#backend()}, which the
 * default {@link Network#copy()} looks up), and its native model format, when it has one, gives back
 * the network it was given, bit for bit.
 *
 * <p>The look-up is checked unless the backend declares itself not registered
 * ({@link Capabilities#unregistered()}): a backend shipped for users to select by name that forgot its
 * {@code META-INF/services} entry is exactly what this should catch, so it is not skipped silently.
 */
final class RegistrationCases {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
    /** Networks the native format must give back: every activation and loss, and a layer without biases. */
    private static final List<NetworkSpec> NATIVE = List.of(
            NetworkSpec.builder(3).layer(4, Activation.TANH).layer(3, Activation.RELU).layer(2, Activation.SOFTMAX)
                    .loss(Loss.XENT).build(),
            NetworkSpec.builder(2).layer(3, Activation.SIGMOID, false).layer(1, Activation.IDENTITY).loss(Loss.SSE)
                    .build(),
            NetworkSpec.builder(2).layer(2, Activation.SIGMOID).loss(Loss.MSE).build());
    /**
     * Values a format may lose a bit of: a negative zero, the smallest subnormal, numbers near the ends
     * of the range, and fractions with no short decimal form.
     */
    private static final double[] AWKWARD = {-0.0, Double.MIN_VALUE, 1e-300, -1e300, 1.0 / 3, -Math.PI, 0.1,
        Math.nextUp(1.0), -2.5e-17, 12345.678901234567};

    private static final String NATIVE_FORMAT = "registration.native-format";

    private RegistrationCases() {
    }

    /** A case with its own condition for running. */
    private record Case(String id, String title, List<NetworkSpec> specs,
                        BiFunction<Backend, Capabilities, Optional<String>> condition, Consumer<Backend> body,
                        String checks, String tolerance, String lookAt)
            implements ConformanceCase {
        @Override
        public Optional<String> missing(Backend backend, Capabilities capabilities) {
            Optional<String> missing = ConformanceCase.super.missing(backend, capabilities);
            return missing.isPresent() ? missing : condition.apply(backend, capabilities);
        }

        @Override
        public Optional<String> notApplicable(Backend backend) {
            // The one optional feature: a backend need not have a native model format.
            return id.equals(NATIVE_FORMAT) && backend.nativeFormat().isEmpty()
                    ? Optional.of("the backend offers no native model format") : Optional.empty();
        }

        @Override
        public void run(Backend backend) {
            body.accept(backend);
        }
    }

    static List<ConformanceCase> all() {
        return List.of(
                new Case("registration.service-loader", "the backend is found by ServiceLoader, through"
                        + " Backends.named, under its name(), which is lower case", List.of(),
                        (backend, capabilities) -> capabilities.registered() ? Optional.empty()
                                : Optional.of("the backend declares it is not registered with ServiceLoader"),
                        RegistrationCases::serviceLoader,
                        "Backends.named(name()) finds a backend of the same class, named the same, and the name is"
                                + " lower case", Notes.allowed("the class found", Kind.IDENTICAL),
                        "the backend's META-INF/services/io.backprop.spi.Backend entry; or declare"
                                + " Capabilities.everything().unregistered() for a backend not meant to be found"),
                new Case("registration.network-name", "a network says the name of the backend that made it",
                        List.of(SPEC), (backend, capabilities) -> Optional.empty(), RegistrationCases::networkName,
                        "Network.backend() equals Backend.name() for a network the backend made and for its copy",
                        Notes.allowed("the name", Kind.IDENTICAL),
                        "AbstractNetwork.backend(): Network.copy() looks the backend up by that name"),
                new Case(NATIVE_FORMAT, "the backend's native model format gives back the spec and"
                        + " parameters it was given, bit for bit, for every activation and loss", NATIVE,
                        (backend, capabilities) -> Optional.empty(), RegistrationCases::nativeFormat,
                        "writing a network in the backend's native format and reading it back gives the same spec and"
                                + " the same bits of every parameter, negative zero and subnormals included",
                        Notes.allowed("parameters read back", Kind.IDENTICAL),
                        "how the native format writes doubles: 17 significant digits or the raw bits, never %.15g"));
    }

    private static void serviceLoader(Backend backend) {
        String name = backend.name();
        String what = "Backends.named(\"" + name + "\")";
        if (name == null || name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new ConformanceFailure("Backend.name()", Double.NaN, "is \"" + name + "\"; expected a lower-case"
                    + " name users select the backend by", 0);
        }
        Backend found;
        try {
            found = Backends.named(name);
        } catch (BackpropException e) {
            throw new ConformanceFailure(what, Double.NaN, "found no backend (" + e.getMessage() + "); list "
                    + backend.getClass().getName() + " in META-INF/services/io.backprop.spi.Backend, or declare"
                    + " Capabilities.unregistered() if it is not meant to be found by name", 0);
        }
        if (found.getClass() != backend.getClass()) {
            throw new ConformanceFailure(what, Double.NaN, "found a " + found.getClass().getName() + "; expected the"
                    + " backend under test, a " + backend.getClass().getName(), 0);
        }
        if (!found.name().equals(name)) {
            throw new ConformanceFailure(what, Double.NaN, "found a backend named \"" + found.name() + "\"", 0);
        }
    }

    private static void networkName(Backend backend) {
        Network network = backend.create(SPEC, Initializer.XAVIER_UNIFORM.initialize(SPEC, 3));
        if (!backend.name().equals(network.backend())) {
            throw new ConformanceFailure("Network.backend()", Double.NaN, "a network made by the backend named \""
                    + backend.name() + "\" says \"" + network.backend() + "\"; Network.copy() looks that name up", 0);
        }
    }

    private static void nativeFormat(Backend backend) {
        NativeModelFormat format = backend.nativeFormat().orElseThrow();
        Path directory;
        try {
            directory = Files.createTempDirectory("backprop-conformance");
        } catch (IOException e) {
            throw new UncheckedIOException("the kit cannot make a temporary directory", e);
        }
        try {
            for (int n = 0; n < NATIVE.size(); n++) {
                NetworkSpec spec = NATIVE.get(n);
                Parameters parameters = awkward(Initializer.STANDARD_NORMAL.initialize(spec, 40 + n));
                Path file = directory.resolve("network-" + n);
                format.write(Model.of(spec, parameters), file);
                Model read = format.read(file);
                String what = format.description() + " of " + spec;
                if (!read.spec().equals(spec)) {
                    throw new ConformanceFailure(what, Double.NaN, "read back as " + read.spec(), 0);
                }
                Parameters back = read.parameters().orElseThrow(() -> new ConformanceFailure(what, Double.NaN,
                        "read back without parameters", 0));
                Check.identical(what + ": parameters read back", back, parameters);
            }
        } finally {
            delete(directory);
        }
    }

    /** {@code parameters} with {@link #AWKWARD} values in place of the first of each layer's. */
    private static Parameters awkward(Parameters parameters) {
        Parameters result = parameters;
        int next = 0;
        for (int l = 0; l < parameters.layers().size(); l++) {
            LayerParameters layer = parameters.layer(l);
            double[] weights = new double[layer.units() * layer.inputs()];
            layer.copyWeightsTo(weights, 0);
            for (int k = 0; k < Math.min(weights.length, 4); k++) {
                weights[k] = AWKWARD[next++ % AWKWARD.length];
            }
            double[] biases = layer.hasBiases() ? layer.biases() : null;
            if (biases != null) {
                biases[0] = AWKWARD[next++ % AWKWARD.length];
            }
            result = result.withLayer(l, LayerParameters.ofFlat(layer.units(), layer.inputs(), weights, biases));
        }
        return result;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary file left behind is not the backend's failure.
        }
    }
}
