package io.backprop.dl4j;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.BackendException;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.LearningRateSchedule;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.train.Step;
import io.backprop.train.TrainingOptions;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A network computed by a DL4J {@link MultiLayerNetwork}: its own forward pass, its own backprop,
 * and its own {@code fit} with its own updater ({@code Sgd}, {@code Adam}, … with L2 and weight decay,
 * see {@link Dl4jOptimizers}). This class only moves values between the API's layout and DL4J's,
 * scales gradients where DL4J sums what the API averages, and tells DL4J the API's iteration and
 * epoch counts before each step, so that Adam's bias correction and the schedules count as the API does.
 */
final class Dl4jNetwork extends AbstractNetwork {
    private final MultiLayerNetwork network;
    private final BatchMatrices featureBuffers;
    private final BatchMatrices targetBuffers;
    private int[] identity = new int[0];
    private final GarbageBudget garbage = new GarbageBudget();
    /** What DL4J's layers are configured with; null when unknown (a network read from a file). */
    private Settings configured;

    /** The options DL4J's updater and regularization are built from. */
    private record Settings(Optimizer optimizer, double learningRate, LearningRateSchedule schedule,
                            Regularization regularization) {
        /** What {@link Dl4jConfiguration} builds: plain SGD at 0.1, no schedule, no regularization. */
        static final Settings INITIAL = new Settings(Optimizer.sgd(), 0.1, LearningRateSchedule.FIXED,
                Regularization.NONE);

        static Settings of(TrainingOptions options) {
            return new Settings(options.optimizer(), options.learningRate(), options.schedule(),
                    options.regularization());
        }

        Settings with(Optimizer other) {
            return new Settings(other, learningRate, schedule, regularization);
        }
    }

    Dl4jNetwork(NetworkSpec spec, Parameters parameters) {
        super(spec);
        this.network = new MultiLayerNetwork(Dl4jConfiguration.of(spec));
        this.featureBuffers = new BatchMatrices(spec.inputs());
        this.targetBuffers = new BatchMatrices(spec.outputs());
        network.init();
        configured = Settings.INITIAL;
        if (network.params().dataType() != DataType.DOUBLE) {
            throw new BackendException("dl4j: the network's parameters are " + network.params().dataType()
                    + "; expected DOUBLE");
        }
        setParameters(parameters);
    }

    Dl4jNetwork(NetworkSpec spec, MultiLayerNetwork network) {
        super(spec);
        this.network = network;
        this.featureBuffers = new BatchMatrices(spec.inputs());
        this.targetBuffers = new BatchMatrices(spec.outputs());
    }

    @Override
    public String backend() {
        return Dl4jBackend.NAME;
    }

    @Override
    protected Network copyWith(Parameters parameters) {
        // A MultiLayerNetwork of its own, from the same configuration: DL4J arrays are never shared.
        return new Dl4jNetwork(spec(), parameters);
    }

    /** The DL4J network itself. */
    MultiLayerNetwork dl4j() {
        return network;
    }

    // Every array this class creates is closed as soon as DL4J is done with it, or kept for the next
    // call of the same size (BatchMatrices): ND4J frees off-heap memory only when an array is closed
    // or its Java object collected, and a long run of small steps makes garbage far faster than the
    // collector of a large heap looks at it.

    @Override
    protected double[][] predictChecked(DataSet data) {
        int rows = data.rows();
        RowBuffer features = featureBuffers.acquire(rows);
        try (INDArray output = network.output(features.features(data, inOrder(rows), 0, rows), false)) {
            return RowMajor.rows(output);
        } finally {
            featureBuffers.release(features);
        }
    }

    @Override
    protected double lossChecked(DataSet data) {
        int rows = data.rows();
        RowBuffer features = featureBuffers.acquire(rows);
        RowBuffer targets = targetBuffers.acquire(rows);
        try {
            int[] order = inOrder(rows);
            double score = network.score(new org.nd4j.linalg.dataset.DataSet(features.features(data, order, 0, rows),
                    targets.targets(data, order, 0, rows)), false);
            if (configured == null || !configured.regularization().isNone()) {
                // DL4J's score adds the regularization's penalty; the API's loss is the data's alone.
                score -= network.calcRegularizationScore(true);
            }
            forgetBatch();
            return score;
        } finally {
            featureBuffers.release(features);
            targetBuffers.release(targets);
        }
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        int rows = batch.rows();
        RowBuffer features = featureBuffers.acquire(rows);
        RowBuffer targets = targetBuffers.acquire(rows);
        try {
            int[] order = inOrder(rows);
            network.setInput(features.features(batch, order, 0, rows));
            network.setLabels(targets.targets(batch, order, 0, rows));
            network.computeGradientAndScore();
            // DL4J returns the gradient summed over the rows; the API's mse and xent average them.
            double scale = spec().loss().averagesRows() ? 1.0 / rows : 1.0;
            Parameters gradients = ParameterLayout.unflatten(spec(), network.gradient().gradient(), scale);
            forgetBatch();
            return gradients;
        } finally {
            featureBuffers.release(features);
            targetBuffers.release(targets);
        }
    }

    @Override
    protected void beforeFit(TrainingOptions options) {
        // Setting it walks every layer and rebuilds the updater: done only when the options change.
        Settings wanted = Settings.of(options);
        if (!wanted.equals(configured)) {
            configure(wanted);
        }
    }

    /**
     * Gives every layer DL4J's updater and regularization for {@code settings}, and a new updater
     * built from them; the state goes on when the optimizer is the same kind (a second run of Adam
     * continues the first's {@code m} and {@code v}), else starts where DL4J starts it.
     */
    private void configure(Settings settings) {
        boolean sameKind = configured != null && configured.optimizer().getClass() == settings.optimizer().getClass();
        List<Parameters> kept = sameKind ? optimizerState(configured.optimizer()) : List.of();
        Dl4jOptimizers.configure(network, settings.optimizer(), settings.learningRate(), settings.schedule(),
                settings.regularization());
        configured = settings;
        UpdaterState.write(spec(), network, kept);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, Step step) {
        if (step.iteration() > Integer.MAX_VALUE) {
            throw new TrainingException("dl4j: found iteration " + step.iteration() + "; DL4J counts iterations"
                    + " in an int, so expected at most " + Integer.MAX_VALUE);
        }
        // DL4J's updater reads its counts here: Adam's bias correction and the schedules then count as the API does.
        network.setIterationCount((int) step.iteration());
        network.setEpochCount(step.epoch());
        step(data, order, from, to, step.learningRate());
    }

    @Override
    protected List<Parameters> optimizerStateChecked(Optimizer optimizer) {
        return optimizerState(optimizer);
    }

    @Override
    protected void setOptimizerStateChecked(Optimizer optimizer, List<Parameters> state) {
        if (configured == null) {
            configure(Settings.INITIAL.with(optimizer));
        } else if (!configured.optimizer().equals(optimizer)) {
            configure(configured.with(optimizer));
        }
        UpdaterState.write(spec(), network, state);
    }

    private List<Parameters> optimizerState(Optimizer optimizer) {
        return UpdaterState.read(spec(), network, optimizer.stateNames().size());
    }

    /** One step of the updater DL4J is configured with; the learning rate is already in its configuration. */
    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        int rows = to - from;
        RowBuffer features = featureBuffers.acquire(rows);
        RowBuffer targets = targetBuffers.acquire(rows);
        try {
            network.fit(features.features(data, order, from, to), targets.targets(data, order, from, to));
            forgetBatch();
            garbage.afterStep();
        } finally {
            featureBuffers.release(features);
            targetBuffers.release(targets);
        }
    }

    @Override
    protected Parameters parametersChecked() {
        return ParameterLayout.unflatten(spec(), network.params(), 1.0);
    }

    /**
     * Looks in place at DL4J's own parameter vector: a copy into Java would cost more than the check.
     * First the BLAS dot product of the parameters with themselves, a sum of squares, which is finite
     * only when every parameter is (a NaN makes it NaN, an infinity makes it infinite, and no square
     * is negative to cancel one). ND4J's {@code MatchCondition} reduction alone took about 1.2 ms of
     * the 5.1 ms step of the MLP 784-256-10 at batch 64, which the API checks once per fit; the dot
     * product takes about 30 µs. When the sum is not finite, the parameters may still all be (squares
     * past 1e308 overflow), so the exact reduction decides.
     */
    @Override
    protected boolean parametersFinite() {
        INDArray parameters = network.params();
        return Double.isFinite(Nd4j.getBlasWrapper().dot(parameters, parameters))
                || !BooleanIndexing.or(parameters, Conditions.notFinite());
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        double[] flat = ParameterLayout.flatten(spec(), parameters);
        try (INDArray values = Nd4j.create(flat, new long[] {1, flat.length}, 'c')) {
            network.setParams(values);
        }
    }

    /**
     * Drops DL4J's references to this call's arrays and the layers' activations. Not
     * {@code network.clear()}, which also drops DL4J's {@code Solver}: the next {@code fit} then
     * builds a new one, about 15% of a per-sample step of the article's network.
     */
    private void forgetBatch() {
        network.setInput(null);
        network.setLabels(null);
        network.clearLayersStates();
    }

    /** The rows of a data set in their own order: {@code 0, 1, …, rows − 1}. */
    private int[] inOrder(int rows) {
        if (identity.length < rows) {
            identity = new int[rows];
            Arrays.setAll(identity, r -> r);
        }
        return identity;
    }
}
