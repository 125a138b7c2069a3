package io.backprop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.data.DataSet;
import io.backprop.error.BackendException;
import io.backprop.params.TwoTwoOne;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** The default {@link Network#copy()} finds the network's backend by name, and says so when it cannot. */
class NetworkCopyTest {
    private static final NetworkSpec ARTICLE = NetworkSpec.builder(2).layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID).loss(Loss.MSE).build();

    /** A network written directly on the interface, as a third party may, on a backend not on the class path. */
    private record Elsewhere(NetworkSpec spec, Parameters parameters) implements Network {
        @Override
        public String backend() {
            return "elsewhere";
        }

        @Override
        public double[] predict(double[] features) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[][] predict(DataSet data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double loss(DataSet data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Parameters gradients(DataSet batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setParameters(Parameters parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TrainingResult fit(DataSet data, TrainingOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aCopyOfANetworkWhoseBackendIsNotOnTheClassPathIsRefusedNamingIt() {
        Network network = new Elsewhere(ARTICLE, TwoTwoOne.of(1, 2, 3, 4, 5, 6, 7, 8, 9));

        assertThatThrownBy(network::copy)
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("backend \"elsewhere\" not found; the backends found are: none");
    }
}
