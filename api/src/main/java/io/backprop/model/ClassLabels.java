package io.backprop.model;

import io.backprop.error.DataException;
import io.backprop.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the classes a network tells apart, in the order of its targets.
 *
 * <p>A network with one output tells two classes apart: the first is target 0, the second target 1,
 * and an output of 0.5 or more predicts the second. A network with k &gt; 1 outputs (meant for a
 * softmax output layer) has k classes: class j is the one-hot target with a 1 at output j, and the
 * largest output predicts its class.
 */
public final class ClassLabels {
    private final List<String> names;

    private ClassLabels(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * Classes in the given order.
     *
     * @throws DataException when there are fewer than two, a name is empty, or a name is repeated
     */
    public static ClassLabels of(List<String> names) {
        if (names.size() < 2) {
            throw new DataException("found " + names.size() + " class" + (names.size() == 1 ? "" : "es")
                    + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
                    + "; expected at least 2 distinct names");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty()) {
                throw new DataException("found an empty class name; expected a name for every class");
            }
            if (!seen.add(name)) {
                throw new DataException("found the class \"" + name + "\" twice; expected distinct names");
            }
        }
        return new ClassLabels(names);
    }

    /** The classes sorted by name: the order used when nothing else gives one. */
    public static ClassLabels sorted(Collection<String> names) {
        return of(new ArrayList<>(new TreeSet<>(names)));
    }

    /** The names, in the order of the network's targets. */
    public List<String> names() {
        return names;
    }

    /** The number of classes. */
    public int size() {
        return names.size();
    }

    /** The position of a class, or -1 when it is not one of these. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The class at a position. */
    public String name(int index) {
        return names.get(index);
    }

    /** Whether a network with this many outputs tells exactly these classes apart: 2 for one output, else one per output. */
    public boolean fits(int outputs) {
        return outputs == 1 ? names.size() == 2 : names.size() == outputs;
    }

    /** How many classes a network with this many outputs tells apart, in words, for error messages. */
    public static String expectedFor(int outputs) {
        return outputs == 1 ? "2 classes for one output (0 and 1)" : outputs + " classes, one per output";
    }

    /**
     * Checks that a network with the spec's outputs tells exactly these classes apart.
     *
     * @throws DataException saying how many classes were found and how many the network needs
     */
    public ClassLabels checkFits(NetworkSpec spec) {
        if (!fits(spec.outputs())) {
            throw new DataException("found " + size() + " classes (" + String.join(", ", names) + "); the network has "
                    + spec.outputs() + " output" + (spec.outputs() == 1 ? "" : "s") + "; expected "
                    + expectedFor(spec.outputs()));
        }
        return this;
    }

    /** The target row for class {@code index}: the index itself for one output, else one-hot. */
    public double[] target(int index, int outputs) {
        if (outputs == 1) {
            return new double[] {index};
        }
        double[] oneHot = new double[outputs];
        oneHot[index] = 1;
        return oneHot;
    }

    /** The position of the class a row of outputs predicts: one output at 0.5 or more is class 1; else the largest output. */
    public int predictedIndex(double[] outputs) {
        if (outputs.length == 1) {
            return outputs[0] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < outputs.length; j++) {
            if (outputs[j] > outputs[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The class a row of outputs predicts. */
    public String predicted(double[] outputs) {
        return names.get(predictedIndex(outputs));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassLabels other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
