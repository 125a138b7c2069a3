package io.backprop.conformance;

import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend declares it can compute, and whether it is registered. A case whose network needs
 * more is skipped, saying what is missing; nothing in the kit names a backend.
 *
 * @param activations the activations the backend computes
 * @param losses the losses the backend computes
 * @param layersWithoutBias whether it computes layers with {@code "bias": false}
 * @param registered whether the backend is listed in {@code META-INF/services/io.backprop.spi.Backend},
 *     so that {@link io.backprop.Backends} finds it by its name (the {@code registration.service-loader}
 *     case checks that it is)
 */
public record Capabilities(Set<Activation> activations, Set<Loss> losses, boolean layersWithoutBias,
                           boolean registered) {
    public Capabilities {
        activations = Set.copyOf(activations);
        losses = Set.copyOf(losses);
    }

    /** Capabilities of a registered backend. */
    public Capabilities(Set<Activation> activations, Set<Loss> losses, boolean layersWithoutBias) {
        this(activations, losses, layersWithoutBias, true);
    }

    /** Everything the API defines, by a backend that is registered. */
    public static Capabilities everything() {
        return new Capabilities(EnumSet.allOf(Activation.class), EnumSet.allOf(Loss.class), true, true);
    }

    /** These capabilities without one activation. */
    public Capabilities without(Activation activation) {
        Set<Activation> fewer = EnumSet.copyOf(activations);
        fewer.remove(activation);
        return new Capabilities(fewer, losses, layersWithoutBias, registered);
    }

    /** These capabilities without one loss. */
    public Capabilities without(Loss loss) {
        Set<Loss> fewer = EnumSet.copyOf(losses);
        fewer.remove(loss);
        return new Capabilities(activations, fewer, layersWithoutBias, registered);
    }

    /** These capabilities without layers that lack biases. */
    public Capabilities withoutBiasFreeLayers() {
        return new Capabilities(activations, losses, false, registered);
    }

    /**
     * These capabilities of a backend that is deliberately not registered with
     * {@link java.util.ServiceLoader} (one an application builds itself, say): the case that looks it up
     * by name is skipped, saying so. Such a backend overrides {@code AbstractNetwork.copyWith}, or its
     * {@code Network.copy()}, which by default looks the backend up by name.
     */
    public Capabilities unregistered() {
        return new Capabilities(activations, losses, layersWithoutBias, false);
    }

    /** Why a backend with these capabilities cannot compute {@code spec}, or empty when it can. */
    public Optional<String> missingFor(NetworkSpec spec) {
        if (!losses.contains(spec.loss())) {
            return Optional.of("the backend declares no " + spec.loss().id() + " loss");
        }
        for (LayerSpec layer : spec.layers()) {
            if (!activations.contains(layer.activation())) {
                return Optional.of("the backend declares no " + layer.activation().id() + " activation");
            }
            if (!layer.bias() && !layersWithoutBias) {
                return Optional.of("the backend declares no layers without bias");
            }
        }
        return Optional.empty();
    }
}
