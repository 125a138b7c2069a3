package io.backprop.conformance;

import io.backprop.spec.Activation;
import io.backprop.spec.LayerSpec;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend declares it can compute. A case whose network needs more is skipped, saying what
 * is missing; nothing in the kit names a backend.
 *
 * @param activations the activations the backend computes
 * @param losses the losses the backend computes
 * @param layersWithoutBias whether it computes layers with {@code "bias": false}
 */
public record Capabilities(Set<Activation> activations, Set<Loss> losses, boolean layersWithoutBias) {
    public Capabilities {
        activations = Set.copyOf(activations);
        losses = Set.copyOf(losses);
    }

    /** Everything the API defines. */
    public static Capabilities everything() {
        return new Capabilities(EnumSet.allOf(Activation.class), EnumSet.allOf(Loss.class), true);
    }

    /** These capabilities without one activation. */
    public Capabilities without(Activation activation) {
        Set<Activation> fewer = EnumSet.copyOf(activations);
        fewer.remove(activation);
        return new Capabilities(fewer, losses, layersWithoutBias);
    }

    /** These capabilities without one loss. */
    public Capabilities without(Loss loss) {
        Set<Loss> fewer = EnumSet.copyOf(losses);
        fewer.remove(loss);
        return new Capabilities(activations, fewer, layersWithoutBias);
    }

    /** These capabilities without layers that lack biases. */
    public Capabilities withoutBiasFreeLayers() {
        return new Capabilities(activations, losses, false);
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
