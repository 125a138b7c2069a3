package io.backprop.spi;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.error.DataException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingLoop;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;

/**
 * The part of a {@link Network} that is the same on every backend: it checks every argument
 * against the spec, and trains with the API's {@link TrainingLoop}, so that a backend computes
 * only on input already known to fit.
 */
public abstract class AbstractNetwork implements Network {
    private final NetworkSpec spec;
    /** Held while {@link #copy()} reads the parameters, so that copies are taken one at a time. */
    private final Object copying = new Object();
    private final TrainingLoop.Trainee trainee = new TrainingLoop.Trainee() {
        @Override
        public void step(DataSet data, int[] order, int from, int to, double learningRate) {
            AbstractNetwork.this.step(data, order, from, to, learningRate);
        }

        @Override
        public double loss(DataSet data) {
            return lossChecked(data);
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
        return predictChecked(DataSet.ofFeatures(new double[][] {features}))[0];
    }

    @Override
    public final double[][] predict(DataSet data) {
        return predictChecked(data.checkFits(spec, false));
    }

    @Override
    public final double loss(DataSet data) {
        return lossChecked(data.checkFits(spec, true));
    }

    @Override
    public final Parameters gradients(DataSet batch) {
        return gradientsChecked(batch.checkFits(spec, true));
    }

    @Override
    public final void setParameters(Parameters parameters) {
        setParametersChecked(parameters.checkFits(spec));
    }

    @Override
    public TrainingResult fit(DataSet data, TrainingOptions options) {
        data.checkFits(spec, true);
        return TrainingLoop.run(data, options, trainee);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the parameters, one copy at a time, and builds the copy with {@link #copyWith}.
     */
    @Override
    public Network copy() {
        Parameters current;
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

    /** {@link #predict(DataSet)} on rows that fit the spec. */
    protected abstract double[][] predictChecked(DataSet data);

    /** {@link #loss(DataSet)} on rows that fit the spec and have targets. */
    protected abstract double lossChecked(DataSet data);

    /** {@link #gradients(DataSet)} on rows that fit the spec and have targets. */
    protected abstract Parameters gradientsChecked(DataSet batch);

    /** {@link #setParameters(Parameters)} with parameters of the spec's shape. */
    protected abstract void setParametersChecked(Parameters parameters);

    /**
     * One SGD step, {@code θ ← θ − η·∂L/∂θ}, on the loss of the batch of rows
     * {@code order[from..to)} of {@code data}.
     */
    protected abstract void step(DataSet data, int[] order, int from, int to, double learningRate);
}
