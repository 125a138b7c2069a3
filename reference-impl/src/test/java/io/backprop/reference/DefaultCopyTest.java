package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** {@link Network#copy()} as a backend gets it without writing one: its backend found by name, through Backends. */
class DefaultCopyTest {
    private static final NetworkSpec ARTICLE = Article.NETWORK;
    private static final DataSet PEOPLE = Article.PEOPLE;
    private static final TrainingOptions TEN_EPOCHS = TrainingOptions.builder().learningRate(0.1).epochs(10)
            .batchSize(BatchSize.of(1)).build();

    /** A network written directly on the interface, as a third party may, with no copy() of its own. */
    private record Delegating(Network inner) implements Network {
        @Override
        public NetworkSpec spec() {
            return inner.spec();
        }

        @Override
        public String backend() {
            return inner.backend();
        }

        @Override
        public double[] predict(double[] features) {
            return inner.predict(features);
        }

        @Override
        public double[][] predict(DataSet data) {
            return inner.predict(data);
        }

        @Override
        public double loss(DataSet data) {
            return inner.loss(data);
        }

        @Override
        public Parameters gradients(DataSet batch) {
            return inner.gradients(batch);
        }

        @Override
        public Parameters parameters() {
            return inner.parameters();
        }

        @Override
        public void setParameters(Parameters parameters) {
            inner.setParameters(parameters);
        }

        @Override
        public TrainingResult fit(DataSet data, TrainingOptions options) {
            return inner.fit(data, options);
        }
    }

    @Test
    void aNetworkWithoutACopyOfItsOwnIsCopiedOnTheBackendItNames() {
        Network original = new Delegating(new ReferenceBackend().create(ARTICLE,
                Initializer.STANDARD_NORMAL.initialize(ARTICLE, 3)));
        original.fit(PEOPLE, TEN_EPOCHS); // the copy must hold the parameters as they are now, not the start

        Network copy = original.copy();

        assertThat(copy).isInstanceOf(BatchedNetwork.class);
        assertThat(copy.spec()).isEqualTo(ARTICLE);
        assertThat(copy.parameters()).isEqualTo(original.parameters());
        assertThat(copy.predict(PEOPLE)).isDeepEqualTo(original.predict(PEOPLE));

        Parameters before = original.parameters();
        copy.fit(PEOPLE, TEN_EPOCHS);
        assertThat(copy.parameters()).isNotEqualTo(before);
        assertThat(original.parameters()).isEqualTo(before);
    }
}
