package io.backprop.model;

import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.error.SpecException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model file holds: a network's spec and, unless the file is a spec only, its parameters;
 * and, when it was trained on them, the names of the classes its outputs tell apart and the
 * standardization its features go through before the network.
 *
 * @param spec the network's shape and loss
 * @param parameters the weights and biases, or empty for a spec only
 * @param classes the class names in target order (2 for one output, else one per output), or empty
 * @param standardization the mean and standard deviation of each input, or empty
 * @param training where training stands, to go on from it, or empty
 */
public record Model(NetworkSpec spec, Optional<Parameters> parameters, Optional<ClassLabels> classes,
                    Optional<Standardization> standardization, Optional<SavedTraining> training) {
    public Model {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(standardization, "standardization");
        Objects.requireNonNull(training, "training");
        parameters.ifPresent(p -> p.checkFits(spec));
        if (training.isPresent() && parameters.isEmpty()) {
            throw new SpecException("training: present in a spec only; expected a training state only beside the"
                    + " parameters it belongs to");
        }
        training.ifPresent(t -> t.state().checkFits(spec));
        classes.ifPresent(c -> {
            if (!c.fits(spec.outputs())) {
                throw new SpecException("classes: found " + c.size() + " (" + c + "); the network has "
                        + spec.outputs() + " outputs; expected " + ClassLabels.expectedFor(spec.outputs()));
            }
        });
        standardization.ifPresent(s -> {
            if (s.features() != spec.inputs()) {
                throw new SpecException("standardize: found " + s.features() + " features; the network has "
                        + spec.inputs() + " inputs; expected one mean and one std per input");
            }
        });
    }

    /** A model without a training state. */
    public Model(NetworkSpec spec, Optional<Parameters> parameters, Optional<ClassLabels> classes,
                 Optional<Standardization> standardization) {
        this(spec, parameters, classes, standardization, Optional.empty());
    }

    /** A model with neither classes nor standardization. */
    public Model(NetworkSpec spec, Optional<Parameters> parameters) {
        this(spec, parameters, Optional.empty(), Optional.empty());
    }

    /** A model with parameters. */
    public static Model of(NetworkSpec spec, Parameters parameters) {
        return new Model(spec, Optional.of(parameters));
    }

    /** A spec only, to be initialised before use. */
    public static Model specOnly(NetworkSpec spec) {
        return new Model(spec, Optional.empty());
    }

    /**
     * This model with other parameters, keeping its classes and standardization; its training state,
     * which belonged to the old parameters, is dropped.
     */
    public Model withParameters(Parameters newParameters) {
        return new Model(spec, Optional.of(newParameters), classes, standardization, Optional.empty());
    }

    /** This model with the given class names (or none). */
    public Model withClasses(Optional<ClassLabels> newClasses) {
        return new Model(spec, parameters, newClasses, standardization, training);
    }

    /** This model with the given standardization (or none). */
    public Model withStandardization(Optional<Standardization> newStandardization) {
        return new Model(spec, parameters, classes, newStandardization, training);
    }

    /** This model with the given training state (or none). */
    public Model withTraining(Optional<SavedTraining> newTraining) {
        return new Model(spec, parameters, classes, standardization, newTraining);
    }
}
