package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.EpochListener;
import io.backprop.train.TrainingDecision;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link EpochListener} that says {@link TrainingDecision#STOP} stops the run after that epoch: the
 * result counts the epochs that ran and is marked stopped early (unless that was the last epoch), and
 * the parameters are, bit for bit, those of a run of that many epochs.
 */
final class ListenerCases {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3).layer(5, Activation.TANH)
            .layer(2, Activation.SIGMOID).loss(Loss.MSE).build();
    private static final TrainingOptions TEN_EPOCHS = TrainingOptions.builder().learningRate(0.1).epochs(10)
            .batchSize(BatchSize.of(2)).shuffle(23).build();

    private ListenerCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                new SimpleCase("listener.stop", "a listener that stops a 10-epoch run after epoch 4 leaves the"
                        + " parameters and losses of a 4-epoch run, 4 epochs counted and stopped early; one that stops"
                        + " after epoch 10 leaves a run not stopped early", List.of(SPEC), ListenerCases::stop).notes("an EpochListener's STOP"
                        + " ends fit after that epoch: the result counts those epochs, says it stopped early, and"
                        + " the parameters are those of a run of that many epochs", Notes.allowed("parameters and"
                        + " losses", Kind.IDENTICAL), "a training loop of the backend's own that calls the listener"
                        + " and ignores its answer; AbstractNetwork's loop honours it"),
                new SimpleCase("listener.stop-between-losses", "with the loss every 3rd epoch, a listener that"
                        + " stops after epoch 5, whose loss is not computed, leaves the parameters of a 5-epoch run,"
                        + " 5 epochs counted and the one loss of epoch 3", List.of(SPEC),
                        ListenerCases::stopBetweenLosses).notes("a STOP from onEpochWithoutLoss, after an epoch whose"
                        + " loss is not computed, ends fit there too", Notes.allowed("parameters and losses",
                        Kind.IDENTICAL), "the listener's onEpochWithoutLoss, called after the epochs whose loss is"
                        + " not computed"));
    }

    private static DataSet data() {
        return DataSet.of(new double[][] {{1, 2, 3}, {-1, 0.5, 2}, {0, 0, 0}, {3, -2, 1}, {0.25, 4, -3},
                {2, 2, -1}, {-0.5, -1, 0.5}}, new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}, {1, 1}, {0, 0},
                {0.25, 0.75}, {0.9, 0.1}});
    }

    /** A listener that stops after {@code stopAt} and records the epochs and losses it saw. */
    private static final class Stopper implements EpochListener {
        private final int stopAt;
        private final List<Integer> epochs = new ArrayList<>();
        private final List<Double> losses = new ArrayList<>();
        private final List<Integer> epochsWithoutLoss = new ArrayList<>();

        Stopper(int stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public TrainingDecision onEpoch(int epoch, double loss) {
            epochs.add(epoch);
            losses.add(loss);
            return epoch == stopAt ? TrainingDecision.STOP : TrainingDecision.CONTINUE;
        }

        @Override
        public TrainingDecision onEpochWithoutLoss(int epoch) {
            epochsWithoutLoss.add(epoch);
            return epoch == stopAt ? TrainingDecision.STOP : TrainingDecision.CONTINUE;
        }
    }

    private static void stop(Backend backend) {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 4);
        for (int stopAt : new int[] {4, 10}) {
            Network stopped = backend.create(SPEC, start);
            Stopper stopper = new Stopper(stopAt);
            TrainingResult result = stopped.fit(data(), TEN_EPOCHS.toBuilder().listener(stopper).build());
            Network shorter = backend.create(SPEC, start);
            TrainingResult expected = shorter.fit(data(), TEN_EPOCHS.toBuilder().epochs(stopAt).build());
            String what = "a 10-epoch run stopped after epoch " + stopAt;
            result(what, result, stopAt, stopAt < 10, expected.losses());
            seen(what, stopper.epochs, range(1, stopAt), "onEpoch");
            double[] seenLosses = stopper.losses.stream().mapToDouble(Double::doubleValue).toArray();
            if (!Arrays.equals(seenLosses, expected.losses())) {
                throw new ConformanceFailure(what, Double.NaN, "the listener saw the losses "
                        + Arrays.toString(seenLosses) + "; a " + stopAt + "-epoch run computes "
                        + Arrays.toString(expected.losses()), 0);
            }
            Check.identical(what + ": parameters, against a " + stopAt + "-epoch run", stopped.parameters(),
                    shorter.parameters());
        }
    }

    private static void stopBetweenLosses(Backend backend) {
        Parameters start = Initializer.STANDARD_NORMAL.initialize(SPEC, 6);
        TrainingOptions everyThird = TEN_EPOCHS.toBuilder().lossEvery(3).build();
        Network stopped = backend.create(SPEC, start);
        Stopper stopper = new Stopper(5);
        TrainingResult result = stopped.fit(data(), everyThird.toBuilder().listener(stopper).build());
        Network shorter = backend.create(SPEC, start);
        TrainingResult expected = shorter.fit(data(), everyThird.toBuilder().epochs(5).build());
        String what = "a 10-epoch run with the loss every 3rd epoch, stopped after epoch 5";
        result(what, result, 5, true, expected.losses());
        seen(what, stopper.epochs, List.of(3), "onEpoch");
        seen(what, stopper.epochsWithoutLoss, List.of(1, 2, 4, 5), "onEpochWithoutLoss");
        Check.identical(what + ": parameters, against a 5-epoch run", stopped.parameters(),
                shorter.parameters());
    }

    private static void result(String what, TrainingResult result, int epochs, boolean stoppedEarly,
                               double[] losses) {
        if (result.epochs() != epochs || result.stoppedEarly() != stoppedEarly
                || !Arrays.equals(result.losses(), losses)) {
            throw new ConformanceFailure(what, Double.NaN, "fit returned " + result + " with losses "
                    + Arrays.toString(result.losses()) + "; expected " + epochs + " epochs, "
                    + (stoppedEarly ? "" : "not ") + "stopped early, with the losses " + Arrays.toString(losses)
                    + " of a run of " + epochs + " epochs", 0);
        }
    }

    private static void seen(String what, List<Integer> actual, List<Integer> expected, String method) {
        if (!actual.equals(expected)) {
            throw new ConformanceFailure(what, Double.NaN, "the listener's " + method + " was called after epochs "
                    + actual + "; expected " + expected, 0);
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            list.add(k);
        }
        return list;
    }
}
