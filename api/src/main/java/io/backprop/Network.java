package io.backprop;

import io.backprop.data.DataSet;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;

/**
 * A feedforward network on some backend: the same spec, parameters and data give the same
 * outputs, loss, gradients and training run on every backend, to float64 precision.
 *
 * <p>Get one from {@link Backends#create(String, NetworkSpec, Parameters)}. A network is not
 * thread-safe: it owns the working memory its computations reuse.
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
}
