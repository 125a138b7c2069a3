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

    // Every array this class creates is closed as soon as DL4J is done with it: ND4J frees off-heap
    // memory only when an array is closed or its Java object collected, and a long run of small steps
    // makes garbage far faster than the collector of a large heap looks at it.

    @Override
    protected double[][] predictChecked(DataSet data) {
        try (INDArray x = features(data); INDArray output = network.output(x, false)) {
            return output.toDoubleMatrix();
        }
    }

    @Override
    protected double lossChecked(DataSet data) {
        try (INDArray x = features(data); INDArray y = labels(data)) {
            double score = network.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
            network.clear();
            return score;
        }
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        try (INDArray x = features(batch); INDArray y = labels(batch)) {
            network.setInput(x);
            network.setLabels(y);
            network.computeGradientAndScore();
            // DL4J returns the gradient summed over the rows; the API's mse and xent average them.
            double scale = spec().loss().averagesRows() ? 1.0 / batch.rows() : 1.0;
            Parameters gradients = ParameterLayout.unflatten(spec(), network.gradient().gradient(), scale);
            network.clear();
            return gradients;
        }
    }

    @Override
    public TrainingResult fit(DataSet data, TrainingOptions options) {
        network.setLearningRate(options.learningRate());
        return super.fit(data, options);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        int rows = to - from;
        double[] xValues = new double[rows * data.featureCount()];
        double[] yValues = new double[rows * data.targetCount()];
        data.copyFeatures(order, from, to, xValues);
        data.copyTargets(order, from, to, yValues);
        try (INDArray x = Nd4j.create(xValues, new long[] {rows, data.featureCount()}, 'c');
             INDArray y = Nd4j.create(yValues, new long[] {rows, data.targetCount()}, 'c')) {
            network.fit(x, y);
            network.clear();
        }
    }

    @Override
    public Parameters parameters() {
        return ParameterLayout.unflatten(spec(), network.params(), 1.0);
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        double[] flat = ParameterLayout.flatten(spec(), parameters);
        try (INDArray values = Nd4j.create(flat, new long[] {1, flat.length}, 'c')) {
            network.setParams(values);
        }
    }

    private static INDArray features(DataSet data) {
        return Nd4j.create(data.features());
    }

    private static INDArray labels(DataSet data) {
        return Nd4j.create(data.targets());
    }

}
