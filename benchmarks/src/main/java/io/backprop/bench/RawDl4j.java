package io.backprop.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * DL4J driven directly, as its own documentation shows, with no Backprop code in the way: the
 * yardstick the backends are measured against. Every network is float64, trained by plain SGD
 * through {@code MultiLayerNetwork.fit(DataSet)}.
 */
final class RawDl4j {
    /**
     * The JVM flag of DL4J's best setting here: without it JavaCPP reads the process's physical
     * memory on every allocation (see dl4j-backend/README.md).
     */
    static final String NO_PHYSICAL_BYTES_CHECK = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0";

    private RawDl4j() {
    }

    /** The article's 2-2-1 sigmoid network with DL4J's mse. */
    static MultiLayerNetwork articleNetwork(double learningRate) {
        return network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .updater(new Sgd(learningRate)).weightInit(WeightInit.NORMAL).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1).activation(Activation.SIGMOID).build())
                .build());
    }

    /** An {@code inputs}-{@code hidden}-{@code outputs} MLP: relu hidden layer, softmax output, cross-entropy. */
    static MultiLayerNetwork mlp(int inputs, int hidden, int outputs, double learningRate) {
        return network(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .updater(new Sgd(learningRate)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(hidden).nOut(outputs)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration configuration) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        if (network.params().dataType() != DataType.DOUBLE) {
            throw new IllegalStateException("raw DL4J: parameters are " + network.params().dataType()
                    + "; expected DOUBLE");
        }
        return network;
    }

    /** Rows {@code [rows × features]} and targets as one DL4J float64 mini-batch. */
    static DataSet batch(int rows, double[] features, int featureCount, double[] targets, int targetCount) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        return new DataSet(Nd4j.create(features, new long[] {rows, featureCount}, DataType.DOUBLE),
                Nd4j.create(targets, new long[] {rows, targetCount}, DataType.DOUBLE));
    }

    /**
     * Makes this JVM's DL4J compute on one thread, as {@code OMP_NUM_THREADS=1} does at start-up.
     * That variable is read once, when ND4J loads, and sets two things: libnd4j's OpenMP threads
     * ({@code NativeOpsHolder}) and OpenBLAS's ({@code Nd4jBlas}); both are set here again, after
     * loading. libnd4j's own pool ({@code Environment}) takes a new master-thread count, but its
     * {@code setMaxThreads} does nothing in 1.0.0-M2.1 (it stays at 2 here; the run's log shows
     * {@code libnd4j pool 2/1}). Measured on the MLP step on a busy machine, this in-process switch
     * and {@code OMP_NUM_THREADS=1} gave times of the same order (18, 48 and 26 ms against 15, 100 and
     * 57 ms, each ± more than the difference), both far from DL4J's default two threads (150 to
     * 220 ms). A JMH fork cannot be given its own environment, so this is how one run holds DL4J
     * both at its defaults and at its best.
     */
    static void useOneThread() {
        Nd4j.create(1); // loads the natives, so what follows overrides the start-up choice
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1); // first: the pool refuses fewer threads than master threads
        Nd4j.getEnvironment().setMaxThreads(1);
    }

    /** The threads DL4J computes on in this JVM, for the run's log. */
    static String threads() {
        Nd4j.create(1);
        return "OpenMP " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + ", OpenBLAS " + Nd4j.factory().blas().getMaxThreads()
                + ", libnd4j pool " + Nd4j.getEnvironment().maxThreads() + "/" + Nd4j.getEnvironment().maxMasterThreads()
                + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS");
    }
}
