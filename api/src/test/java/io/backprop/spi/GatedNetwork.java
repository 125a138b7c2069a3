package io.backprop.spi;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test network, one identity neuron of two inputs under summed squared error, whose backend
 * code can hold the next thread that reaches it until a test lets it go: overlapping calls made
 * certain, not left to timing.
 */
final class GatedNetwork extends AbstractNetwork {
    static final NetworkSpec SPEC = NetworkSpec.builder(2).layer(1, Activation.IDENTITY).loss(Loss.SSE).build();

    private final boolean copiesItself;
    private final double[] w = new double[2];
    private double b;
    private volatile Gate gate;

    /** Holds the first thread that reaches it until {@link #open()}. */
    static final class Gate {
        private final AtomicBoolean passed = new AtomicBoolean();
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        private void pass() {
            if (passed.compareAndSet(false, true)) {
                reached.countDown();
                await(open);
            }
        }

        /** Waits until a thread is held inside. */
        void awaitReached() {
            await(reached);
        }

        void open() {
            open.countDown();
        }
    }

    /**
     * @param copiesItself whether {@link #copyWith} builds the copy here, rather than look for a
     *     backend by name as the default does (there is none of this name)
     */
    GatedNetwork(Parameters parameters, boolean copiesItself) {
        super(SPEC);
        this.copiesItself = copiesItself;
        setParameters(parameters);
    }

    /** Holds the next thread that reaches this network's backend code; every later one passes. */
    Gate holdNext() {
        Gate next = new Gate();
        gate = next;
        return next;
    }

    @Override
    public String backend() {
        return "gated";
    }

    @Override
    protected Network copyWith(Parameters parameters) {
        return copiesItself ? new GatedNetwork(parameters, true) : super.copyWith(parameters);
    }

    private void pass() {
        Gate current = gate;
        if (current != null) {
            current.pass();
        }
    }

    private double output(DataSet data, int row) {
        return w[0] * data.feature(row, 0) + w[1] * data.feature(row, 1) + b;
    }

    @Override
    protected double[][] predictChecked(DataSet data) {
        pass();
        double[][] outputs = new double[data.rows()][];
        for (int r = 0; r < data.rows(); r++) {
            outputs[r] = new double[] {output(data, r)};
        }
        return outputs;
    }

    @Override
    protected double lossChecked(DataSet data) {
        pass();
        double sum = 0;
        for (int r = 0; r < data.rows(); r++) {
            double error = output(data, r) - data.target(r, 0);
            sum += error * error;
        }
        return sum;
    }

    @Override
    protected Parameters gradientsChecked(DataSet batch) {
        pass();
        return gradients(batch, null, 0, batch.rows());
    }

    private Parameters gradients(DataSet data, int[] order, int from, int to) {
        double[] dw = new double[2];
        double db = 0;
        for (int k = from; k < to; k++) {
            int row = order == null ? k : order[k];
            double dz = 2 * (output(data, row) - data.target(row, 0));
            dw[0] += dz * data.feature(row, 0);
            dw[1] += dz * data.feature(row, 1);
            db += dz;
        }
        return Parameters.of(LayerParameters.of(new double[][] {dw}, new double[] {db}));
    }

    @Override
    protected Parameters parametersChecked() {
        pass();
        return Parameters.of(LayerParameters.of(new double[][] {w.clone()}, new double[] {b}));
    }

    @Override
    protected void setParametersChecked(Parameters parameters) {
        pass();
        w[0] = parameters.layer(0).weight(0, 0);
        w[1] = parameters.layer(0).weight(0, 1);
        b = parameters.layer(0).bias(0);
    }

    @Override
    protected void step(DataSet data, int[] order, int from, int to, double learningRate) {
        pass();
        LayerParameters g = gradients(data, order, from, to).layer(0);
        w[0] -= learningRate * g.weight(0, 0);
        w[1] -= learningRate * g.weight(0, 1);
        b -= learningRate * g.bias(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }
}
