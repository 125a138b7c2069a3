package io.backprop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.reference.textbook.TextbookBackend;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

class NetworkBehaviourTest {
    private static final NetworkSpec ARTICLE = Article.NETWORK;
    private static final DataSet PEOPLE = Article.PEOPLE;

    private final ReferenceBackend backend = new ReferenceBackend();

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertThat(Backends.named("reference")).isInstanceOf(ReferenceBackend.class);
        assertThat(Backends.named("reference-textbook")).isInstanceOf(TextbookBackend.class);
    }

    @Test
    void aBatchPredictedAtOnceEqualsItPredictedRowByRow() {
        Network network = backend.create(ARTICLE, Initializer.STANDARD_NORMAL.initialize(ARTICLE, 5));
        double[][] batch = network.predict(PEOPLE);
        for (int r = 0; r < PEOPLE.rows(); r++) {
            assertThat(network.predict(PEOPLE.featureRow(r))).containsExactly(batch[r]);
        }
    }

    @Test
    void parametersSetAndReadBackAreBitIdentical() {
        Parameters parameters = Initializer.STANDARD_NORMAL.initialize(ARTICLE, 11);
        Network network = backend.create(ARTICLE, Initializer.XAVIER_UNIFORM.initialize(ARTICLE, 1));
        network.setParameters(parameters);
        assertThat(network.parameters()).isEqualTo(parameters);
    }

    @Test
    void theSameSeedTwiceTrainsBitIdentically() {
        for (boolean shuffle : new boolean[] {false, true}) {
            TrainingOptions.Builder options = TrainingOptions.builder().learningRate(0.1).epochs(50)
                    .batchSize(BatchSize.of(3));
            if (shuffle) {
                options.shuffle(42);
            }
            Network first = backend.create(ARTICLE, Initializer.STANDARD_NORMAL.initialize(ARTICLE, 9));
            Network second = backend.create(ARTICLE, Initializer.STANDARD_NORMAL.initialize(ARTICLE, 9));
            TrainingResult a = first.fit(PEOPLE, options.build());
            TrainingResult b = second.fit(PEOPLE, options.build());
            assertThat(a).isEqualTo(b);
            assertThat(first.parameters()).isEqualTo(second.parameters());
        }
    }

    @Test
    void theGradientOfAnAveragedLossIsTheMeanOfTheRowsGradientsAndOfASummedLossTheirSum() {
        for (Loss loss : new Loss[] {Loss.MSE, Loss.SSE}) {
            NetworkSpec spec = NetworkSpec.builder(2).layer(3, Activation.TANH).layer(2, Activation.IDENTITY)
                    .loss(loss).build();
            Network network = backend.create(spec, Initializer.XAVIER_UNIFORM.initialize(spec, 3));
            DataSet data = DataSet.of(new double[][] {{1, 2}, {-1, 0.5}, {0.3, -2}},
                    new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}});
            LayerParameters batch = network.gradients(data).layer(0);
            double[][] sum = new double[3][2];
            for (int r = 0; r < data.rows(); r++) {
                LayerParameters row = network.gradients(data.select(r)).layer(0);
                for (int j = 0; j < 3; j++) {
                    for (int i = 0; i < 2; i++) {
                        sum[j][i] += row.weight(j, i);
                    }
                }
            }
            double divisor = loss == Loss.MSE ? data.rows() : 1;
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    assertThat(batch.weight(j, i)).as("%s weight(%d, %d)", loss, j, i)
                            .isCloseTo(sum[j][i] / divisor, within(1e-15));
                }
            }
        }
    }

    @Test
    void trainingWhoseLossBlowsUpStopsWithATrainingError() {
        NetworkSpec spec = NetworkSpec.builder(2).layer(4, Activation.IDENTITY).layer(1, Activation.IDENTITY)
                .loss(Loss.SSE).build();
        Network network = backend.create(spec, Initializer.STANDARD_NORMAL.initialize(spec, 1));
        assertThatThrownBy(() -> network.fit(PEOPLE, TrainingOptions.builder().learningRate(1e3).epochs(1000).build()))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("the loss became")
                .hasMessageContaining("epoch");
    }

    @Test
    void aRowWithTheWrongNumberOfFeaturesIsRefused() {
        Network network = backend.create(ARTICLE, Initializer.STANDARD_NORMAL.initialize(ARTICLE, 1));
        assertThatThrownBy(() -> network.predict(new double[] {1, 2, 3}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("found 3 values")
                .hasMessageContaining("expects 2 inputs");
    }

    @Test
    void parametersOfAnotherShapeAreRefused() {
        Network network = backend.create(ARTICLE, Initializer.STANDARD_NORMAL.initialize(ARTICLE, 1));
        Parameters wrong = Parameters.of(LayerParameters.of(new double[][] {{1, 2}}, new double[] {0}));
        assertThatThrownBy(() -> network.setParameters(wrong)).isInstanceOf(SpecException.class)
                .hasMessageContaining("layers");
    }

    @Test
    void saturatedSigmoidAndSoftmaxOutputsKeepAFiniteExactCrossEntropy() {
        // A sigmoid output of z = 800 rounds to exactly 1.0; with target 0 the loss is ln(1 + e^800) = 800 + ln(1 + e^-800).
        NetworkSpec sigmoid = NetworkSpec.builder(1).layer(1, Activation.SIGMOID).loss(Loss.XENT).build();
        Network network = backend.create(sigmoid, Parameters.of(LayerParameters.of(new double[][] {{800}}, new double[] {0})));
        DataSet one = DataSet.of(new double[][] {{1}}, new double[][] {{0}});
        assertThat(network.predict(new double[] {1})[0]).isEqualTo(1.0);
        assertThat(network.loss(one)).isEqualTo(800.0);
        assertThat(network.gradients(one).layer(0).weight(0, 0)).isEqualTo(1.0);

        // Softmax over z = (1000, 0): the second output underflows to 0; with target (0, 1) the loss is exactly 1000.
        NetworkSpec softmax = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
        Network classifier = backend.create(softmax,
                Parameters.of(LayerParameters.of(new double[][] {{1000}, {0}}, new double[] {0, 0})));
        assertThat(classifier.predict(new double[] {1})).containsExactly(1.0, 0.0);
        assertThat(classifier.loss(DataSet.of(new double[][] {{1}}, new double[][] {{0, 1}}))).isEqualTo(1000.0);
    }

    @Test
    void aConfidentCorrectSoftmaxPredictionKeepsTheDigitsOfItsTinyLoss() {
        // z = (30, 0), target (1, 0): ℓ = ln(1 + e^-30) = x − x²/2 + x³/3 − … with x = e^-30.
        NetworkSpec softmax = NetworkSpec.builder(1).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
        Network classifier = backend.create(softmax,
                Parameters.of(LayerParameters.of(new double[][] {{30}, {0}}, new double[] {0, 0})));
        double loss = classifier.loss(DataSet.of(new double[][] {{1}}, new double[][] {{1, 0}}));
        double x = Math.exp(-30);
        double series = x - x * x / 2 + x * x * x / 3;
        assertThat(loss).isCloseTo(series, within(series * 1e-15));
    }

    @Test
    void largeInputsThroughTanhAndSigmoidHiddenLayersGiveFiniteOutputs() {
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.SOFTMAX}) {
            NetworkSpec spec = NetworkSpec.builder(2).layer(3, hidden).layer(2, Activation.SOFTMAX).loss(Loss.XENT).build();
            Network network = backend.create(spec, Initializer.STANDARD_NORMAL.initialize(spec, 2));
            DataSet huge = DataSet.of(new double[][] {{1e6, -1e6}, {-1e308, 1e308}}, new double[][] {{1, 0}, {0, 1}});
            for (double[] row : network.predict(huge)) {
                for (double v : row) {
                    assertThat(v).isFinite();
                }
            }
            assertThat(network.loss(huge)).isFinite();
        }
    }
}
