package io.backprop.teaching;

import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.List;

/**
 * The article's example, once for every module: its 2-2-1 sigmoid network with the mse loss, the
 * four people it learns from, the two newcomers it predicts, and how it trains (per-sample SGD,
 * learn rate 0.1, 1000 epochs, from every weight and bias drawn from N(0, 1)).
 *
 * <p>The numbers are the article's; the seed of the start is this project's, since the article
 * draws its start unseeded. The article's own training loop, written out as it writes it, is
 * {@link ArticleLoop}; its names for the nine parameters are {@link ArticleNames}.
 */
public final class Article {
    /** Two inputs, two sigmoid hidden neurons h1 and h2, one sigmoid output o1, the mse loss. */
    public static final NetworkSpec NETWORK = NetworkSpec.builder(2)
            .layer(2, Activation.SIGMOID)
            .layer(1, Activation.SIGMOID)
            .loss(Loss.MSE)
            .build();

    /** The article takes this many pounds off every weight, near the people's mean, before the network sees it. */
    public static final double WEIGHT_SHIFT_LB = 135;
    /** And this many inches off every height. */
    public static final double HEIGHT_SHIFT_IN = 66;

    /** Features {@code (-2, -1)}, female. */
    public static final Person ALICE = new Person("Alice", 133, 65, true);
    /** Features {@code (25, 6)}, male. */
    public static final Person BOB = new Person("Bob", 160, 72, false);
    /** Features {@code (17, 4)}, male. */
    public static final Person CHARLIE = new Person("Charlie", 152, 70, false);
    /** Features {@code (-15, -6)}, female. */
    public static final Person DIANA = new Person("Diana", 120, 60, true);
    /** A newcomer, features {@code (-7, -3)}: the trained network says female. */
    public static final Person EMILY = new Person("Emily", 128, 63, true);
    /** A newcomer, features {@code (20, 2)}: the trained network says male. */
    public static final Person FRANK = new Person("Frank", 155, 68, false);

    /** The article's table, the four people the network learns from, in the article's order. */
    public static final List<Person> TABLE = List.of(ALICE, BOB, CHARLIE, DIANA);
    /** The two people the trained network is asked about. */
    public static final List<Person> NEWCOMERS = List.of(EMILY, FRANK);

    /** The four people as the network trains on them: {@link #features()}, and 1 for female. */
    public static final DataSet PEOPLE = DataSet.of(features(), targetRows());

    /** The article's learn rate η. */
    public static final double LEARN_RATE = 0.1;
    /** The article's number of epochs: passes over the four people. */
    public static final int EPOCHS = 1000;
    /** How the article trains: per-sample SGD over the four people in order, η = 0.1, 1000 epochs. */
    public static final TrainingOptions TRAINING = TrainingOptions.builder()
            .learningRate(LEARN_RATE)
            .epochs(EPOCHS)
            .batchSize(BatchSize.of(1))
            .inOrder()
            .build();

    /** The seed this project draws the article's start from. */
    public static final long START_SEED = 1;
    /**
     * The article's start: every weight and bias from N(0, 1), as its {@code np.random.normal()},
     * seeded with {@link #START_SEED}.
     */
    public static final Parameters START = Initializer.STANDARD_NORMAL.initialize(NETWORK, START_SEED);

    private Article() {
    }

    /** The four people's features, {@code [weight − 135, height − 66]} a row, in a new array. */
    public static double[][] features() {
        return TABLE.stream().map(Person::features).toArray(double[][]::new);
    }

    /** The four people's targets, 1 for female, in a new array. */
    public static double[] targets() {
        return TABLE.stream().mapToDouble(Person::target).toArray();
    }

    /** The four people's measurements, {@code [lb, in]} a row, in a new array. */
    public static double[][] measured() {
        return TABLE.stream().map(Person::measured).toArray(double[][]::new);
    }

    /** The two newcomers' measurements, {@code [lb, in]} a row, in a new array. */
    public static double[][] newcomersMeasured() {
        return NEWCOMERS.stream().map(Person::measured).toArray(double[][]::new);
    }

    private static double[][] targetRows() {
        return TABLE.stream().map(p -> new double[] {p.target()}).toArray(double[][]::new);
    }
}
