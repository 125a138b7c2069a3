package io.backprop;

import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
import io.backprop.error.BackendException;
import io.backprop.optimizer.TrainingState;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingLoop;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;

/**
 * A feedforward network on some backend: the same spec, parameters and data give the same
 * outputs, loss, gradients and training run on every backend, to float64 precision.
 *
 * <p>Get one from {@link Backends#create(String, NetworkSpec, Parameters)}.
 *
 * <p><b>Threads.</b> A network is not thread-safe: it owns the working memory its computations
 * reuse. To predict on several threads, give each thread its own {@link #copy()}: copies share
 * nothing, so they compute side by side what the original would. In a server, for instance:
 *
 * <pre>{@code
 * Network trained = ...;                       // from now on only copied
 * ThreadLocal<Network> own = ThreadLocal.withInitial(trained::copy);
 * double[] outputs = own.get().predict(features); // on any thread
 * }</pre>
 *
 * <p>{@code copy()} is the one method several threads may call on the same network at once, as long
 * as none of them uses it otherwise meanwhile. A copy holds the parameters it was made with: after
 * training the original again, make new copies. A network built on
 * {@link io.backprop.spi.AbstractNetwork}, as every backend shipped here is, refuses a second thread
 * that enters while another is inside with a {@link io.backprop.error.BackendException}, rather than
 * compute a wrong result.
 */
public interface Network {
    /** The shape of this network. */
    NetworkSpec spec();

    /** The name of the backend computing it, such as {@code "reference"}. */
    String backend();

    /**
     * Feeds one row forward.
     *
     * @param features one value per input
     * @return one value per output
     * @throws io.backprop.error.DataException when the row does not have one value per input
     */
    double[] predict(double[] features);

    /**
     * Feeds every row of {@code data} forward; its targets, if any, are ignored.
     *
     * @return {@code [row][output]}
     */
    double[][] predict(DataSet data);

    /** The loss of {@code data} taken as one batch, as {@link io.backprop.spec.Loss} defines it. */
    double loss(DataSet data);

    /**
     * The gradient {@code ∂L/∂θ} of the loss of {@code batch}, taken as one batch, with respect to
     * every weight and bias, in the shape of {@link #parameters()}.
     */
    Parameters gradients(DataSet batch);

    /**
     * The gradient of the loss of every row of {@code data}, read a block at a time, taken as one batch:
     * {@link #gradients(DataSet)} of the rows held whole, to rounding (the sums are grouped by block).
     */
    default Parameters gradients(DataSource data) {
        return TrainingLoop.gradients(data, this::gradients, spec().loss().averagesRows());
    }

    /** A copy of the current weights and biases. */
    Parameters parameters();

    /**
     * Replaces every weight and bias.
     *
     * @throws io.backprop.error.SpecException when {@code parameters} do not have this network's shape
     */
    void setParameters(Parameters parameters);

    /**
     * Trains on {@code data} with mini-batch SGD as {@code options} say, updating this network's
     * parameters in place.
     *
     * @return the loss over the whole data set after each epoch
     * @throws io.backprop.error.TrainingException when the loss becomes NaN or infinite
     */
    TrainingResult fit(DataSet data, TrainingOptions options);

    /**
     * Trains on rows read a block at a time from {@code data}, for data larger than the memory it would
     * take whole, as {@link io.backprop.train.TrainingLoop#run(DataSource, TrainingOptions,
     * io.backprop.train.TrainingLoop.Trainee, io.backprop.train.Step, boolean)} defines: in order, the same
     * steps as {@link #fit(DataSet, TrainingOptions)} on the same rows held whole; shuffled, the blocks'
     * order and then each block's rows.
     *
     * @return the loss over all the rows after each epoch, each a pass over every block
     * @throws io.backprop.error.DataException when a block does not fit the network, or cannot be read
     * @throws io.backprop.error.TrainingException when the loss becomes NaN or infinite, or for batch size "all"
     * @throws BackendException from a network that trains only on rows held whole
     */
    default TrainingResult fit(DataSource data, TrainingOptions options) {
        throw new BackendException(backend() + ": this network trains only on rows held whole (a DataSet), not on"
                + " a DataSource");
    }

    /**
     * The loss over every row of {@code data}, read a block at a time: the loss of the rows held whole, to
     * rounding (the sums are grouped by block).
     */
    default double loss(DataSource data) {
        return TrainingLoop.loss(data, this::loss, spec().loss().averagesRows());
    }

    /**
     * Where training stands: the optimizer's state in the parameters' layout and the iteration and
     * epoch counts. A second {@link #fit} goes on from it, as in DL4J and Keras; another network, on
     * any backend, goes on from it after {@link #setTrainingState}.
     *
     * @throws io.backprop.error.BackendException from a network that keeps no training state
     */
    default TrainingState trainingState() {
        throw new BackendException(backend() + ": this network keeps no training state");
    }

    /**
     * Makes {@code state} where the next {@link #fit} goes on from.
     *
     * @throws io.backprop.error.SpecException when a state does not have the parameters' shape
     * @throws io.backprop.error.BackendException from a network that keeps no training state
     */
    default void setTrainingState(TrainingState state) {
        throw new BackendException(backend() + ": this network keeps no training state");
    }

    /**
     * An independent network: the same backend and spec, with this network's parameters as they
     * are now, sharing no working memory and no parameters with this one. Training or setting the
     * parameters of either leaves the other as it was, and each may be used by its own thread.
     *
     * <p>Several threads may call this on the same network at once (see the class comment).
     *
     * <p>By default the backend is found by the name {@link #backend()} through
     * {@link Backends#named(String)} and creates the copy from {@link #spec()} and
     * {@link #parameters()}; a backend that builds its networks more cheaply, or that
     * {@link java.util.ServiceLoader} does not find, overrides this.
     *
     * @throws io.backprop.error.BackendException when the backend called {@link #backend()} is not
     *     found, or another thread is using this network
     */
    default Network copy() {
        Parameters current;
        // Copies are taken one at a time, so that a backend's parameters() need not be safe for
        // two threads reading at once.
        synchronized (this) {
            current = parameters();
        }
        return Backends.create(backend(), spec(), current);
    }
}
