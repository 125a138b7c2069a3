package io.backprop.compare;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several backends on the same spec, parameters and data, and reports how far each differs
 * from the first: in outputs, loss, gradients and, when training options are given, parameters
 * after training.
 */
public final class BackendComparison {
    private BackendComparison() {
    }

    /** One kind of value compared between one backend and the baseline. */
    public record Row(String backend, String kind, double worst, String where, double tolerance) {
        /** Whether the difference is within the tolerance (NaN never is). */
        public boolean within() {
            return worst <= tolerance;
        }
    }

    /**
     * Compares every backend in {@code backends} with the first.
     *
     * @param training options for a training run compared afterwards, or null for none
     */
    public static List<Row> compare(List<Backend> backends, NetworkSpec spec, Parameters parameters, DataSet data,
                                    TrainingOptions training, Tolerances tolerances) {
        Backend baseline = backends.get(0);
        Network expected = baseline.create(spec, parameters);
        double[][] expectedOutputs = expected.predict(data);
        double expectedLoss = expected.loss(data);
        Parameters expectedGradients = expected.gradients(data);
        Parameters expectedTrained = null;
        if (training != null) {
            expected.fit(data, training);
            expectedTrained = expected.parameters();
        }
        List<Row> rows = new ArrayList<>();
        for (Backend backend : backends.subList(1, backends.size())) {
            Network actual = backend.create(spec, parameters);
            Differences.Worst outputs = Differences.outputs(actual.predict(data), expectedOutputs);
            rows.add(new Row(backend.name(), "outputs", outputs.value(), outputs.where(), tolerances.outputs()));
            rows.add(new Row(backend.name(), "loss", Differences.relative(actual.loss(data), expectedLoss), "",
                    tolerances.losses()));
            Differences.Worst gradients = Differences.parameters(actual.gradients(data), expectedGradients);
            rows.add(new Row(backend.name(), "gradients", gradients.value(), gradients.where(), tolerances.gradients()));
            if (training != null) {
                actual.fit(data, training);
                Differences.Worst trained = Differences.parameters(actual.parameters(), expectedTrained);
                rows.add(new Row(backend.name(), "parameters after " + training.epochs() + " epochs", trained.value(),
                        trained.where(), tolerances.parameters()));
            }
        }
        return rows;
    }
}
