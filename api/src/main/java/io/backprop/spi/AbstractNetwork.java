package io.backprop.spi;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.DataException;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.Step;
import io.backprop.train.TrainingLoop;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.util.Arrays;
import java.util.List;

/**
 * The part of a {@link Network} that is the same on every backend: it checks every argument
 * against the spec, and trains with the API's {@link TrainingLoop}, so that a backend computes
 * only on input already known to fit.
 *
 * <p>It also lets one thread at a time into the public operations: a second thread entering while
 * another is inside is refused with a {@link io.backprop.error.BackendException}, and the network is
 * left as the first thread has it. The thread inside may call in again, as an epoch listener does
 * during {@link #fit}. The check is made once per public call, never per training step.
 *
 * <p>A backend implements the {@code ...Checked} methods, the SGD {@link #step(DataSet, int[], int, int, double)}
 * and, to be checked as well, {@link #parametersChecked()}; one written before that method existed
 * overrides {@link #parameters()} itself, which keeps working, unchecked.
 *
 * <p><b>Optimizers.</b> A backend that implements nothing more trains with every
 * {@link io.backprop.optimizer.Optimizer optimizer} and regularization all the same: the other steps
 * are taken by the API's own definition on the gradients the backend computes, with the optimizer's
 * state kept here. A backend takes them itself, faster, by overriding
 * {@link #step(DataSet, int[], int, int, Step)} together with {@link #optimizerStateChecked} and
 * {@link #setOptimizerStateChecked}, which then read and set the state where the backend keeps it.
 * The iteration and epoch counts are kept here, and go on across runs.
 */
public abstract class AbstractNetwork implements Network {
    private final NetworkSpec spec;
    private final OneThreadAtATime guard = new OneThreadAtATime();
    /** Held while {@link #copy()} reads the parameters, so that copies are taken one at a time. */
    private final Object copying = new Object();
    /** The network's counts, which every run goes on from. */
    private Step clock = Step.startingAt(0, 0);
    /** The optimizer whose state the network holds. */
    private Optimizer stateOf = Optimizer.sgd();
    /** The state of steps the backend leaves to the API; made on the first such step. */
    private GradientStep gradientStep;
    // The loop calls back into the backend directly: a step is inside fit's one check, not a call of its own.
    private final TrainingLoop.Trainee trainee = new TrainingLoop.Trainee() {
        @Override
        public void step(DataSet data, int[] order, int from, int to, double learningRate) {
            AbstractNetwork.this.step(data, order, from, to, learningRate);
        }

        @Override
        public void step(DataSet data, int[] order, int from, int to, Step step) {
            AbstractNetwork.this.step(data, order, from, to, step);
        }

        @Override
        public Parameters parameters() {
            // The public method, which a backend written before parametersChecked() existed overrides.
            return AbstractNetwork.this.parameters();
        }

        @Override
        public void setParameters(Parameters parameters) {
            setParametersChecked(parameters);
        }

        @Override
        public double[][] predict(DataSet data) {
            return predictChecked(data);
        }

        @Override
        public double loss(DataSet data) {
            return lossChecked(data);
        }

        @Override
        public boolean parametersFinite() {
            return AbstractNetwork.this.parametersFinite();
        }
    };

    protected AbstractNetwork(NetworkSpec spec) {
        this.spec = spec;
    }

    @Override
    public final NetworkSpec spec() {
        return spec;
    }

    @Override
    public final double[] predict(double[] features) {
        if (features.length != spec.inputs()) {
            throw new DataException("features: found " + features.length + " values; the network expects "
                    + spec.inputs() + " inputs");
        }
        boolean outermost = guard.enter();
        try {
            return predictChecked(DataSet.ofFeatures(new double[][] {features}))[0];
        } finally {
            guard.leave(outermost);
        }
    }

    @Override
    public final double[][] predict(DataSet data) {
        boolean outermost = guard.enter();
        try {
            return predictChecked(data.checkFits(spec, false));
        } finally {
            guard.leave(outermost);
        }
    }

    @Override
    public final double loss(DataSet data) {
        boolean outermost = guard.enter();
        try {
            return lossChecked(data.checkFits(spec, true));
        } finally {
            guard.leave(outermost);
        }
    }

    @Override
    public final Parameters gradients(DataSet batch) {
        boolean outermost = guard.enter();
        try {
            return gradientsChecked(batch.checkFits(spec, true));
        } finally {
            guard.leave(outermost);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns {@link #parametersChecked()}, one thread at a time.
     */
    @Override
    public Parameters parameters() {
        boolean outermost = guard.enter();
        try {
            return parametersChecked();
        } finally {
            guard.leave(outermost);
        }
    }

    @Override
    public final void setParameters(Parameters parameters) {
        boolean outermost = guard.enter();
        try {
            setParametersChecked(parameters.checkFits(spec));
        } finally {
            guard.leave(outermost);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A backend that must prepare for a run overrides {@link #beforeFit}, which is inside the
     * one-thread check, rather than this.
     */
    @Override
    public TrainingResult fit(DataSet data, TrainingOptions options) {
        boolean outermost = guard.enter();
        try {
            data.checkFits(spec, true);
            prepareRun(options);
            return TrainingLoop.run(data, options, trainee, clock);
        } finally {
            guard.leave(outermost);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each block is checked against the spec as it is read; the backend's steps see in-memory
     * {@link DataSet}s as {@link #fit(DataSet, TrainingOptions)} gives them.
     */
    @Override
    public TrainingResult fit(DataSource data, TrainingOptions options) {
        boolean outermost = guard.enter();
        try {
            if (data.featureCount() != spec.inputs() || data.targetCount() != spec.outputs()) {
                throw new DataException(data.name() + ": found " + data.featureCount() + " feature and "
                        + data.targetCount() + " target columns; the network expects " + spec.inputs()
                        + " inputs and " + spec.outputs() + " outputs");
            }
            prepareRun(options);
            return TrainingLoop.run(data.mapBlocks(block -> block.checkFits(spec, true)), options, trainee, clock,
                    spec.loss().averagesRows());
        } finally {
            guard.leave(outermost);
        }
    }

    /** What every run does once its data is checked: the validation rows checked, the backend and the optimizer set up. */
    private void prepareRun(TrainingOptions options) {
        options.validation().ifPresent(validation -> validation.checkFits(spec, true));
        beforeFit(options);
        Optimizer optimizer = options.optimizer();
        if (optimizer.getClass() != stateOf.getClass()) {
            // Another optimizer starts from its own initial state; the counts go on, as in DL4J.
            setOptimizerStateChecked(optimizer,
                    TrainingState.starting(optimizer, spec, clock.iteration(), clock.epoch()).state());
        }
        stateOf = optimizer;
    }

    @Override
    public final TrainingState trainingState() {
        boolean outermost = guard.enter();
        try {
            return new TrainingState(stateOf, clock.iteration(), clock.epoch(), optimizerStateChecked(stateOf));
        } finally {
            guard.leave(outermost);
        }
    }

    @Override
    public final void setTrainingState(TrainingState state) {
        boolean outermost = guard.enter();
        try {
            state.checkFits(spec);
            setOptimizerStateChecked(state.optimizer(), state.state());
            stateOf = state.optimizer();
            clock = Step.startingAt(state.iteration(), state.epoch());
        } finally {
            guard.leave(outermost);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the parameters, one copy at a time, and builds the copy with {@link #copyWith}.
     */
    @Override
    public Network copy() {
        Parameters current;
        // Copies from several threads wait for each other here, so that they never meet in the guard.
        synchronized (copying) {
            current = parameters();
        }
        return copyWith(current);
    }

    /**
     * What {@link #copy()} returns: a new network on this backend with this spec and
     * {@code parameters}, sharing no memory with this one. By default the backend called
     * {@link #backend()} is found through {@link Backends}; a backend overrides this to build its
     * network directly, with no look-up on the class path.
     */
    protected Network copyWith(Parameters parameters) {
        return Backends.create(backend(), spec, parameters);
    }

    /**
     * Whether every weight and bias is finite; {@link #fit} asks after each computed loss and at the
     * end of a run, so that training never leaves NaN or infinite parameters without an error. The
     * default looks at a copy from {@link #parameters()}; a backend may look in place instead.
     */
    protected boolean parametersFinite() {
        return parameters().allFinite();
    }

    /**
     * The backend and the shape, for example
     * {@code "reference network: 2 inputs → 2 sigmoid → 1 sigmoid, loss mse"}, so that a network in
     * a log line, a debugger or an assertion message says what it is. No parameters: they may be
     * millions, and reading them would have to pass the one-thread check. A backend may override
     * this to say more.
     */
    @Override
    public String toString() {
        return backend() + " network: " + spec;
    }

    /** {@link #predict(DataSet)} on rows that fit the spec. */
    protected abstract double[][] predictChecked(DataSet data);

    /** {@link #loss(DataSet)} on rows that fit the spec and have targets. */
    protected abstract double lossChecked(DataSet data);

    /** {@link #gradients(DataSet)} on rows that fit the spec and have targets. */
    protected abstract Parameters gradientsChecked(DataSet batch);

    /**
     * {@link #parameters()}, with no other thread inside. Not abstract only so that a backend
     * written when it did not exist, which overrides {@link #parameters()} instead, still compiles;
     * every other backend overrides this.
     *
     * @throws UnsupportedOperationException when the backend overrides neither
     */
    protected Parameters parametersChecked() {
        throw new UnsupportedOperationException(getClass().getName()
                + " overrides neither parameters() nor parametersChecked()");
    }

    /** {@link #setParameters(Parameters)} with parameters of the spec's shape. */
    protected abstract void setParametersChecked(Parameters parameters);

    /**
     * Called by {@link #fit} once the data is checked, before the first step, with no other thread
     * inside: where a backend sets up what depends on the options, such as its updater's learning
     * rate. Does nothing by default.
     */
    protected void beforeFit(TrainingOptions options) {
    }

    /**
     * One SGD step, {@code θ ← θ − η·∂L/∂θ}, on the loss of the batch of rows
     * {@code order[from..to)} of {@code data}.
     */
    protected abstract void step(DataSet data, int[] order, int from, int to, double learningRate);

    /**
     * One step of {@code step}'s optimizer and regularization, with its learning rate, on the loss of the
     * batch of rows {@code order[from..to)} of {@code data}, in the order {@link io.backprop.optimizer}
     * defines. By default the SGD step above when that is all it is; otherwise the API's own
     * definition on {@link #gradientsChecked} of the batch, with the state kept here.
     */
    protected void step(DataSet data, int[] order, int from, int to, Step step) {
        if (step.isPlainSgd()) {
            step(data, order, from, to, step.learningRate());
            return;
        }
        Parameters gradient = gradientsChecked(data.select(Arrays.copyOfRange(order, from, to)));
        setParametersChecked(gradientStep().apply(parameters(), gradient, step));
    }

    /**
     * The state of {@code optimizer} as the network holds it, one {@link Parameters} per
     * {@link Optimizer#stateNames() state name}. A backend that overrides
     * {@link #step(DataSet, int[], int, int, Step)} overrides this too; by default, the state of the
     * API's steps.
     */
    protected List<Parameters> optimizerStateChecked(Optimizer optimizer) {
        return gradientStep().state();
    }

    /**
     * Makes {@code state}, of the spec's shape, the state of {@code optimizer} the next steps go on
     * from: called by {@link #fit} when a run starts with another optimizer than the last (with its
     * initial state) and by {@link #setTrainingState}. A backend that overrides
     * {@link #step(DataSet, int[], int, int, Step)} overrides this too.
     */
    protected void setOptimizerStateChecked(Optimizer optimizer, List<Parameters> state) {
        gradientStep().setState(state);
    }

    private GradientStep gradientStep() {
        if (gradientStep == null) {
            gradientStep = new GradientStep(spec);
        }
        return gradientStep;
    }
}
