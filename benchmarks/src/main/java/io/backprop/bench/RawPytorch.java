package io.backprop.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch driven directly through DJL, as a DJL user writes a training step, with no Backprop code in
 * the way: the second yardstick beside {@link RawDl4j}. Float64 tensors; the forward pass, the loss,
 * {@code backward} by autograd, and the SGD update {@code θ −= η·∂L/∂θ} as tensor operations in
 * float64, then the gradients zeroed, as {@code optimizer.zero_grad()} does. Every step's temporary
 * tensors are freed when it ends ({@link NDScope}), so a long run holds no more native memory than
 * one step.
 *
 * <p>Threads are PyTorch's intra-op threads, read by DJL from the system property
 * {@value #THREADS} when the engine starts, so each JMH fork sets them with a JVM flag
 * ({@code -Dai.djl.pytorch.num_threads=1} or {@code 2}): one run holds PyTorch at both settings and
 * the report takes the faster as "at its best". Offline: libtorch comes from the
 * {@code pytorch-native-cpu} jar, never the network.
 */
final class RawPytorch implements AutoCloseable {
    static final String THREADS = "ai.djl.pytorch.num_threads";
    /** A layer's activation, as the networks here need them. */
    enum Activation { RELU, SIGMOID, SOFTMAX }

    /** The loss: mean cross-entropy over softmax outputs, or mean squared error. */
    enum Loss { XENT, MSE }

    private final Engine engine;
    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final List<Activation> activations;
    private final Loss loss;
    private final double learningRate;

    /**
     * A network of {@code sizes[0]} inputs and layers of {@code sizes[1..]} neurons, weights drawn by
     * PyTorch uniformly in ±√(6/(fan-in + fan-out)) (Xavier), biases zero.
     */
    RawPytorch(int[] sizes, List<Activation> activations, Loss loss, double learningRate) {
        System.setProperty("ai.djl.offline", "true");
        this.engine = Engine.getEngine("PyTorch");
        this.manager = engine.newBaseManager();
        this.activations = activations;
        this.loss = loss;
        this.learningRate = learningRate;
        engine.setRandomSeed(1);
        for (int l = 1; l < sizes.length; l++) {
            float limit = (float) Math.sqrt(6.0 / (sizes[l - 1] + sizes[l]));
            NDArray w = manager.randomUniform(-limit, limit, new Shape(sizes[l - 1], sizes[l]), DataType.FLOAT64);
            NDArray b = manager.zeros(new Shape(sizes[l]), DataType.FLOAT64);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            weights.add(w);
            biases.add(b);
        }
        if (weights.get(0).getDataType() != DataType.FLOAT64) {
            throw new IllegalStateException("raw PyTorch: weights are " + weights.get(0).getDataType()
                    + "; expected FLOAT64");
        }
    }

    /**
     * Sets layer {@code l}'s weights, {@code weights[j][i]} from input i to neuron j as the API holds
     * them (the tensor is input-major, so it is their transpose), and its biases: for a test that the
     * step computes what the API's step does.
     */
    void set(int l, double[][] weights, double[] biases) {
        int units = weights.length;
        int inputs = weights[0].length;
        double[] inputMajor = new double[inputs * units];
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < inputs; i++) {
                inputMajor[i * units + j] = weights[j][i];
            }
        }
        this.weights.get(l).set(java.nio.DoubleBuffer.wrap(inputMajor));
        this.biases.get(l).set(java.nio.DoubleBuffer.wrap(biases));
    }

    /** Layer {@code l}'s weights as the API holds them, {@code [neuron][input]}. */
    double[][] weights(int l) {
        NDArray w = weights.get(l);
        int inputs = (int) w.getShape().get(0);
        int units = (int) w.getShape().get(1);
        double[] inputMajor = w.toDoubleArray();
        double[][] out = new double[units][inputs];
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < inputs; i++) {
                out[j][i] = inputMajor[i * units + j];
            }
        }
        return out;
    }

    /** Layer {@code l}'s biases. */
    double[] biases(int l) {
        return biases.get(l).toDoubleArray();
    }

    /** The MLP of {@link MlpWorkload}: relu hidden layer, softmax output, cross-entropy. */
    static RawPytorch mlp(int inputs, int hidden, int outputs, double learningRate) {
        return new RawPytorch(new int[] {inputs, hidden, outputs}, List.of(Activation.RELU, Activation.SOFTMAX),
                Loss.XENT, learningRate);
    }

    /** The article's 2-2-1 sigmoid network with mse. */
    static RawPytorch articleNetwork(double learningRate) {
        return new RawPytorch(new int[] {2, 2, 1}, List.of(Activation.SIGMOID, Activation.SIGMOID), Loss.MSE,
                learningRate);
    }

    /** Rows {@code [rows × columns]} as a float64 tensor this network's manager holds. */
    NDArray tensor(double[] values, int rows, int columns) {
        return manager.create(values, new Shape(rows, columns));
    }

    /** One SGD step on the rows {@code x} with targets {@code y}. */
    void step(NDArray x, NDArray y) {
        try (NDScope scope = new NDScope()) {
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(loss(forwardToLast(x), y));
            }
            for (int l = 0; l < weights.size(); l++) {
                update(weights.get(l));
                update(biases.get(l));
            }
        }
    }

    /** The outputs for the rows {@code x}, copied out of the tensor as the API's {@code predict} gives them. */
    double[] predict(NDArray x) {
        try (NDScope scope = new NDScope()) {
            NDArray last = forwardToLast(x);
            NDArray outputs = activations.get(activations.size() - 1) == Activation.SOFTMAX ? last.softmax(1)
                    : activate(last, activations.get(activations.size() - 1));
            return outputs.toDoubleArray();
        }
    }

    /**
     * Every layer's activation but the last layer's, whose weighted sums are returned: softmax and
     * cross-entropy are taken together from them ({@code logSoftmax}), as PyTorch's own loss does.
     */
    private NDArray forwardToLast(NDArray x) {
        NDArray a = x;
        int last = weights.size() - 1;
        for (int l = 0; l <= last; l++) {
            NDArray z = a.matMul(weights.get(l)).add(biases.get(l));
            a = l == last && activations.get(l) == Activation.SOFTMAX ? z : activate(z, activations.get(l));
        }
        return a;
    }

    private static NDArray activate(NDArray z, Activation activation) {
        return switch (activation) {
            case RELU -> ai.djl.nn.Activation.relu(z);
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(z);
            case SOFTMAX -> z.softmax(1);
        };
    }

    private NDArray loss(NDArray last, NDArray y) {
        long rows = y.getShape().get(0);
        return switch (loss) {
            case XENT -> last.logSoftmax(1).mul(y).sum().neg().div(rows);
            case MSE -> last.sub(y).square().mean();
        };
    }

    private void update(NDArray parameter) {
        NDArray gradient = parameter.getGradient();
        parameter.subi(gradient.mul(learningRate));
        gradient.muli(0); // zero_grad: autograd adds to what the gradient holds
    }

    /** PyTorch's intra-op threads in this JVM, for the run's log. */
    static String threads() {
        return "PyTorch intra-op threads: " + System.getProperty(THREADS, "PyTorch's default") + ", OMP_WAIT_POLICY="
                + System.getenv("OMP_WAIT_POLICY");
    }

    @Override
    public void close() {
        manager.close();
    }
}
