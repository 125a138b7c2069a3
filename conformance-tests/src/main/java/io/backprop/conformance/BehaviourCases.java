package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.BackpropException;
import io.backprop.error.DataException;
import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.params.Initializer;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.teaching.Article;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.List;

/** Behaviour every backend owes its users: determinism, consistency, and typed refusals. */
final class BehaviourCases {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(4, Activation.TANH)
            .layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final NetworkSpec LINEAR = NetworkSpec.builder(2).layer(4, Activation.IDENTITY)
            .layer(1, Activation.IDENTITY).loss(Loss.SSE).build();

    private BehaviourCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                new SimpleCase("behaviour.determinism", "the same parameters, data and shuffle seed twice train to"
                        + " bit-identical parameters and losses", List.of(SPEC), BehaviourCases::determinism).notes(
                        "two networks created with the same parameters and trained with the same options and shuffle "
                        + "seed end with bit-identical parameters and losses",
                        Notes.allowed("parameters, losses", Kind.IDENTICAL),
                        "randomness not drawn from the shuffle seed; sums whose order changes from run to run "
                        + "(threads that reduce in the order they finish)"),
                new SimpleCase("behaviour.loss-every", "computing the loss every 3rd epoch trains exactly as every"
                        + " epoch does, and reports those epochs' losses", List.of(SPEC), BehaviourCases::lossEvery).notes(
                        "training with lossEvery(3) changes nothing but which losses are computed: the same "
                        + "parameters as computing it every epoch, and the losses of epochs 3 and 6",
                        Notes.allowed("parameters, losses", Kind.IDENTICAL),
                        "a loss pass that changes state (a cached forward pass, a random draw); "
                        + "TrainingResult.losses() holding only the computed epochs"),
                new SimpleCase("behaviour.batch-equals-rows", "a batch predicted at once equals its rows predicted"
                        + " one by one", List.of(SPEC), BehaviourCases::batchEqualsRows).notes(
                        "predicting five rows at once gives what predicting each row alone gives",
                        Notes.allowed("outputs", Kind.OUTPUTS),
                        "the batched path against the one-row path: row and column strides, a batch not a multiple of "
                        + "a block, the bias added once per row"),
                new SimpleCase("behaviour.parameters-round-trip", "parameters set and read back are bit-identical",
                        List.of(SPEC), backend -> {
                            Parameters parameters = Initializer.STANDARD_NORMAL.initialize(SPEC, 21);
                            Network network = backend.create(SPEC, Initializer.XAVIER_UNIFORM.initialize(SPEC, 1));
                            network.setParameters(parameters);
                            // A float32 backend may hold them as floats: then each reads back rounded to float32.
                            Parameters read = network.parameters();
                            if (!read.equals(parameters) && !read.equals(Profile.active().stored(parameters))) {
                                Check.parameters("parameters read back", network.parameters(), parameters, 0);
                                throw new ConformanceFailure("parameters read back", Double.NaN,
                                        "a value differs in sign or NaN payload", 0);
                            }
                        }).notes(
                        "parameters set on a network are read back bit for bit: every weight and bias, −0.0 and all; "
                        + "in the float32 profile each may read back rounded to float32",
                        Notes.allowed("parameters", Kind.IDENTICAL),
                        "setParameters and parameters: the layout weights[j][i] both ways, biases, layers without "
                        + "bias; no rounding through a narrower type"),
                new SimpleCase("behaviour.bad-input", "bad input is refused with the API's typed errors", List.of(SPEC),
                        BehaviourCases::badInput).notes(
                        "wrong widths, rows without targets and other bad input are refused with the API's typed "
                        + "errors (DataException, SpecException), not with an IndexOutOfBoundsException or a wrong "
                        + "answer",
                        Notes.allowed("the type of error", Kind.IDENTICAL),
                        "AbstractNetwork checks input before the ...Checked methods; a backend that overrides the "
                        + "public methods must check as it does"),
                new SimpleCase("behaviour.diverging-training", "training whose loss becomes infinite or NaN stops with"
                        + " a TrainingException", List.of(LINEAR), backend -> {
                            Network network = backend.create(LINEAR, Initializer.STANDARD_NORMAL.initialize(LINEAR, 1));
                            expect(TrainingException.class, "fit with η = 1e10 on a linear network", () -> network.fit(
                                    Article.PEOPLE, TrainingOptions.builder().learningRate(1e10).epochs(50).build()));
                        }).notes(
                        "training with η = 1e10 on a linear network, whose loss becomes infinite or NaN, stops with a "
                        + "TrainingException",
                        Notes.allowed("the type of error", Kind.IDENTICAL),
                        "the training loop (TrainingLoop) stops on a loss that is not finite; a backend with its own "
                        + "loop must too"),
                new SimpleCase("behaviour.diverging-between-losses", "training whose parameters become infinite or NaN"
                        + " while no loss is computed (lossEvery beyond the epochs) still stops with a"
                        + " TrainingException", List.of(LINEAR), backend -> {
                            Network network = backend.create(LINEAR, Initializer.STANDARD_NORMAL.initialize(LINEAR, 1));
                            expect(TrainingException.class, "fit with η = 1e10 on a linear network, loss every 1000th"
                                    + " of 50 epochs", () -> network.fit(Article.PEOPLE, TrainingOptions.builder()
                                    .learningRate(1e10).epochs(50).lossEvery(1000).build()));
                        }).notes(
                        "the same divergence with lossEvery beyond the epochs, so that no loss is computed, still "
                        + "stops with a TrainingException",
                        Notes.allowed("the type of error", Kind.IDENTICAL),
                        "AbstractNetwork.parametersFinite(): a backend that overrides it must look at every weight "
                        + "and bias, not trust a finite loss"));
    }

    private static DataSet data() {
        return DataSet.of(new double[][] {{1, 2, 3}, {-1, 0.5, 2}, {0, 0, 0}, {3, -2, 1}, {0.25, 4, -3}},
                new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}, {1, 1}, {0, 0}});
    }

    private static void determinism(Backend backend) {
        TrainingOptions options = TrainingOptions.builder().learningRate(0.1).epochs(20).batchSize(BatchSize.of(2))
                .shuffle(99).build();
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 8);
        Network first = backend.create(SPEC, start);
        Network second = backend.create(SPEC, start);
        TrainingResult a = first.fit(data(), options);
        TrainingResult b = second.fit(data(), options);
        if (!a.equals(b) || !first.parameters().equals(second.parameters())) {
            Check.parameters("parameters of two identical runs", first.parameters(), second.parameters(), 0);
            throw new ConformanceFailure("losses of two identical runs", Double.NaN, "they differ", 0);
        }
    }

    private static void lossEvery(Backend backend) {
        TrainingOptions everyEpoch = TrainingOptions.builder().learningRate(0.1).epochs(7).batchSize(BatchSize.of(2))
                .shuffle(5).build();
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 9);
        Network every = backend.create(SPEC, start);
        Network sparse = backend.create(SPEC, start);
        double[] all = every.fit(data(), everyEpoch).losses();
        TrainingResult result = sparse.fit(data(), everyEpoch.toBuilder().lossEvery(3).build());
        if (!every.parameters().equals(sparse.parameters())) {
            Check.parameters("parameters after 7 epochs, loss every 3 against every 1", sparse.parameters(),
                    every.parameters(), 0);
            throw new ConformanceFailure("parameters after 7 epochs, loss every 3", Double.NaN,
                    "a value differs in sign or NaN payload", 0);
        }
        if (result.epochs() != 7 || result.losses().length != 2) {
            throw new ConformanceFailure("the result of 7 epochs, loss every 3", Double.NaN, result.epochs()
                    + " epochs and " + result.losses().length + " losses; expected 7 epochs and 2 losses", 0);
        }
        Check.value("loss after epoch 3", result.losses()[0], all[2], 0);
        Check.value("loss after epoch 6", result.losses()[1], all[5], 0);
    }

    private static void batchEqualsRows(Backend backend) {
        Network network = backend.create(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 3));
        DataSet data = data();
        double[][] batch = network.predict(data);
        double[][] rows = new double[data.rows()][];
        for (int r = 0; r < data.rows(); r++) {
            rows[r] = network.predict(data.featureRow(r));
        }
        Check.outputs(rows, batch, Tolerances.OUTPUTS);
    }

    private static void badInput(Backend backend) {
        Network network = backend.create(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 3));
        expect(DataException.class, "predict with 2 features for 3 inputs", () -> network.predict(new double[] {1, 2}));
        expect(DataException.class, "gradients of rows without targets",
                () -> network.gradients(DataSet.ofFeatures(new double[][] {{1, 2, 3}})));
        expect(DataException.class, "loss with 1 target column for 2 outputs",
                () -> network.loss(DataSet.of(new double[][] {{1, 2, 3}}, new double[][] {{1}})));
        expect(SpecException.class, "parameters of another shape", () -> network.setParameters(
                Parameters.of(LayerParameters.of(new double[][] {{1, 2}}, new double[] {0}))));
        expect(SpecException.class, "creating a network from parameters of another shape", () -> backend.create(SPEC,
                Parameters.of(LayerParameters.of(new double[][] {{1, 2, 3}}, new double[] {0}))));
    }

    private static void expect(Class<? extends BackpropException> type, String what, Runnable action) {
        try {
            action.run();
        } catch (BackpropException e) {
            if (type.isInstance(e)) {
                return;
            }
            throw new ConformanceFailure(what, Double.NaN, "threw " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; expected a " + type.getSimpleName(), 0);
        } catch (RuntimeException e) {
            throw new ConformanceFailure(what, Double.NaN, "threw " + e + "; expected a " + type.getSimpleName(), 0);
        }
        throw new ConformanceFailure(what, Double.NaN, "was accepted; expected a " + type.getSimpleName(), 0);
    }
}
