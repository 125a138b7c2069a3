package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances.Kind;

import io.backprop.Network;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code trajectory.oracle.*}: 50 SGD steps of {@code fit}, whose parameters and reported losses must
 * equal the oracle's own SGD ({@link OracleTraining}) to {@link Tolerances#TRAJECTORY}. Unlike the
 * {@code trajectory.*} cases, which step by hand with the backend's own {@code gradients()}, nothing
 * here trusts the backend, so a mistake that {@code gradients()} and {@code fit} share is seen too.
 *
 * <p>Batch sizes 1, 3, 7, all and 257, each under mse, sse and xent, with the output activations
 * rotating so that every one appears under mse and under sse, and the hidden ones likewise; in order
 * and shuffled alternately. The rows are chosen so each run is 50 steps, most with a smaller last
 * batch: 10 rows of batch 1 for 5 epochs, 14 rows of batch 3 (3, 3, 3, 3, 2) and 33 of batch 7 (7, 7, 7, 7, 5)
 * for 10 epochs, 20 rows as one batch for 50 epochs, and 300 rows of batch 257 (257, 43) for 25 epochs.
 */
final class OracleTrajectoryCases {
    private static final int STEPS = 50;
    private static final long SHUFFLE_SEED = 7;

    /** A batch size, the rows that give it a ragged last batch, and the epochs that make {@link #STEPS} steps. */
    private record Schedule(BatchSize batch, int rows, int epochs) {
    }

    private static final List<Schedule> SCHEDULES = List.of(
            new Schedule(BatchSize.of(1), 10, 5),
            new Schedule(BatchSize.of(3), 14, 10),
            new Schedule(BatchSize.of(7), 33, 10),
            new Schedule(BatchSize.ALL, 20, 50),
            new Schedule(BatchSize.of(257), 300, 25));

    private OracleTrajectoryCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        Loss[] losses = {Loss.MSE, Loss.SSE, Loss.XENT};
        for (int b = 0; b < SCHEDULES.size(); b++) {
            Schedule schedule = SCHEDULES.get(b);
            for (int l = 0; l < losses.length; l++) {
                int n = b * losses.length + l;
                Loss loss = losses[l];
                Activation output = switch (loss) {
                    case MSE -> Activation.values()[b];
                    case SSE -> Activation.values()[(b + 2) % 5];
                    case XENT -> b % 2 == 0 ? Activation.SIGMOID : Activation.SOFTMAX;
                };
                Activation first = Activation.values()[n % 5];
                Activation second = Activation.values()[(n + 2) % 5];
                NetworkSpec spec = NetworkSpec.builder(4).layer(6, first).layer(5, second, n % 3 != 0)
                        .layer(output == Activation.SOFTMAX ? 3 : 2, output).loss(loss).build();
                boolean shuffled = n % 2 == 1;
                String id = "trajectory.oracle." + loss.id() + "-" + output.id() + ".batch-" + schedule.batch()
                        + (shuffled ? ".shuffled" : ".in-order");
                String title = STEPS + " steps of batch size " + schedule.batch() + " (" + schedule.rows() + " rows, "
                        + schedule.epochs() + " epochs" + (shuffled ? ", shuffled with seed " + SHUFFLE_SEED : "")
                        + ") on " + spec + " land where the oracle's SGD lands";
                cases.add(new SimpleCase(id, title, List.of(spec), backend -> run(backend, spec, schedule, shuffled, n))
                        .notes("fit of " + STEPS + " steps ends with the parameters, and reports the losses, that the"
                                + " kit oracle's own SGD gives on the API's batch schedule; nothing of the backend is"
                                + " trusted, not even its gradients()",
                                Notes.allowed("parameters", Kind.TRAJECTORY, "losses", Kind.TRAJECTORY),
                                "the update and the batch schedule: rows in order or shuffled with the seed as"
                                + " TrainingLoop orders them, the last smaller batch, the mean over the batch for mse"
                                + " and xent and the sum for sse; then gradients() against gradients.*"));
            }
        }
        return cases;
    }

    private static void run(Backend backend, NetworkSpec spec, Schedule schedule, boolean shuffled, int n) {
        Random random = new Random(0x9E3779B97F4A7C15L * (n + 1));
        Parameters start = GradientCases.scaled(Initializer.STANDARD_NORMAL.initialize(spec, random.nextLong()), 0.5);
        DataSet data = GeneratedNetworks.data(random, spec, schedule.rows(), 1);
        // sse sums over the batch's rows where mse and xent average: a step of the same size takes η/rows.
        double learningRate = spec.loss().averagesRows() ? 0.1 : 0.1 / schedule.batch().rowsFor(schedule.rows());
        TrainingOptions.Builder builder = TrainingOptions.builder().learningRate(learningRate).epochs(schedule.epochs())
                .batchSize(schedule.batch());
        if (shuffled) {
            builder.shuffle(SHUFFLE_SEED);
        }
        TrainingOptions options = builder.build();

        Network network = backend.create(spec, start);
        TrainingResult result = network.fit(data, options);
        OracleTraining.Trajectory expected = OracleTraining.fit(spec, start, data, options);

        Check.parameters("parameters after " + STEPS + " steps", network.parameters(), expected.parameters(),
                Tolerances.TRAJECTORY);
        double[] reported = result.losses();
        Check.value("number of losses reported", reported.length, expected.losses().length, 0);
        for (int epoch = 0; epoch < reported.length; epoch++) {
            Check.value("loss reported after epoch " + (epoch + 1), reported[epoch], expected.losses()[epoch],
                    Tolerances.TRAJECTORY);
        }
    }
}
