package io.backprop.dl4j;

import io.backprop.data.DataSet;
import io.backprop.error.BackendException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.AbstractNetwork;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network computed by a DL4J {@link MultiLayerNetwork}: its own forward pass, its own backprop,
 * and its own {@code fit} with the {@code Sgd} updater. This class only moves values between the
 * API's layout and DL4J's, and scales gradients where DL4J sums what the API averages.
 */
final class Dl4jNetwork extends AbstractNetwork {
    private final MultiLayerNetwork network;

    Dl4jNetwork(NetworkSpec spec, Parameters parameters) {
        super(spec);
        this.network = new MultiLayerNetwork(Dl4jConfiguration.of(spec));
        network.init();
        if (network.params().dataType() != DataType.DOUBLE) {
            throw new BackendException("dl4j: the network's parameters are " + network.params().dataType()
                    + "; expected DOUBLE");
        }
        setParameters(parameters);
    }

    Dl4jNetwork(NetworkSpec spec, MultiLayerNetwork network) {
        super(spec);
        this.network = network;
    }

    @Override
    public String backend() {
        return Dl4jBackend.NAME;
    }

    /** The DL4J network itself. */
    MultiLayerNetwork dl4j() {
        return network;
    }

    @Override
    protected double[][] predictChecked(DataSet data) {
        return network.output(features(data), false).toDoubleMatrix();
    }

    @Override
    protected double lossChecked(DataSet data) {
        return network.score(dl4jData(data), false);
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        network.setInput(features(batch));
        network.setLabels(labels(batch));
        network.computeGradientAndScore();
        // DL4J returns the gradient summed over the rows; the API's mse and xent average them.
        double scale = spec().loss().averagesRows() ? 1.0 / batch.rows() : 1.0;
        Parameters gradients = ParameterLayout.unflatten(spec(), network.gradient().gradient(), scale);
        network.clear();
        return gradients;
    }

    @Override
    public TrainingResult fit(DataSet data, TrainingOptions options) {
        network.setLearningRate(options.learningRate());
        return super.fit(data, options);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        int rows = to - from;
        double[] x = new double[rows * data.featureCount()];
        double[] y = new double[rows * data.targetCount()];
        data.copyFeatures(order, from, to, x);
        data.copyTargets(order, from, to, y);
        network.fit(Nd4j.create(x, new long[] {rows, data.featureCount()}, 'c'),
                Nd4j.create(y, new long[] {rows, data.targetCount()}, 'c'));
    }

    @Override
    public Parameters parameters() {
        return ParameterLayout.unflatten(spec(), network.params(), 1.0);
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        double[] flat = ParameterLayout.flatten(spec(), parameters);
        network.setParams(Nd4j.create(flat, new long[] {1, flat.length}, 'c'));
    }

    private static INDArray features(DataSet data) {
        return Nd4j.create(data.features());
    }

    private static INDArray labels(DataSet data) {
        return Nd4j.create(data.targets());
    }

    private static org.nd4j.linalg.dataset.DataSet dl4jData(DataSet data) {
        return new org.nd4j.linalg.dataset.DataSet(features(data), labels(data));
    }
}
