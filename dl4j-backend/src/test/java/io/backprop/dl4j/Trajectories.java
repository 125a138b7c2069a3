package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.comparison.Differences;
import io.backprop.data.DataSet;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Data and comparisons shared by the optimizer tests. */
final class Trajectories {
    private Trajectories() {
    }

    /** {@code rows} rows for {@code spec}: Gaussian features, one-hot targets after a softmax, values in (0, 1) else. */
    static DataSet data(NetworkSpec spec, int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][spec.inputs()];
        double[][] y = new double[rows][spec.outputs()];
        boolean oneHot = spec.loss() == Loss.XENT && spec.layer(spec.depth() - 1).activation() == Activation.SOFTMAX;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < spec.inputs(); i++) {
                x[r][i] = random.nextGaussian();
            }
            if (oneHot) {
                y[r][random.nextInt(spec.outputs())] = 1;
            } else {
                for (int k = 0; k < spec.outputs(); k++) {
                    y[r][k] = random.nextDouble();
                }
            }
        }
        return DataSet.of(x, y);
    }

    /** The same rows as DL4J's data set. */
    static org.nd4j.linalg.dataset.DataSet dl4jData(DataSet data) {
        return new org.nd4j.linalg.dataset.DataSet(Nd4j.create(data.features()), Nd4j.create(data.targets()));
    }

    /** Each value within {@code tolerance} of its layer's largest magnitude (see {@link Differences}). */
    static void assertClose(Parameters actual, Parameters expected, double tolerance, String what) {
        Differences.Worst worst = Differences.parameters(actual, expected);
        assertThat(worst.value()).as("%s: worst at %s", what, worst.where()).isLessThanOrEqualTo(tolerance);
    }

    /** Each state within {@code tolerance}, state by state. */
    static void assertClose(List<Parameters> actual, List<Parameters> expected, double tolerance, String what) {
        assertThat(actual).as("%s: states", what).hasSameSizeAs(expected);
        for (int s = 0; s < expected.size(); s++) {
            assertClose(actual.get(s), expected.get(s), tolerance, what + ", state " + s);
        }
    }
}
