package io.backprop.explain;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.Regularization;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.teaching.ParameterNames;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Step}: for each weight and bias, the backend's gradient through the step as
 * {@link Optimizer#step} orders it (L2, the optimizer's update from its fresh state, weight decay,
 * {@code θ ← θ − u}), each quantity computed by the API's {@link Optimizer} and {@link Regularization}
 * on that one value; then the backend's own step on the row, to stand beside it.
 */
final class OptimizerStep {
    /** The iteration and epoch of a network's first step. */
    private static final int FIRST = 0;

    private OptimizerStep() {
    }

    static Step of(Backend backend, NetworkSpec spec, Parameters parameters, DataSet row,
                   TrainingOptions training, List<ParameterChain> chains) {
        Optimizer optimizer = training.optimizer();
        Regularization regularization = training.regularization();
        double eta = training.schedule().rate(training.learningRate(), FIRST, FIRST);
        double[] backendValues = ParameterNames.values(backendStep(backend, spec, parameters, row, training));
        int weights = 0;
        for (int l = 0; l < spec.depth(); l++) {
            weights += spec.layer(l).units() * spec.inputsOf(l);
        }
        List<ParameterStep> steps = new ArrayList<>();
        for (int k = 0; k < chains.size(); k++) {
            steps.add(step(optimizer, regularization, eta, chains.get(k), k >= weights, backendValues[k]));
        }
        return new Step(optimizer, eta, regularization, steps);
    }

    /** One epoch of batch size 1 on the row, from a fresh network: the backend's first step. */
    private static Parameters backendStep(Backend backend, NetworkSpec spec, Parameters parameters, DataSet row,
                                          TrainingOptions training) {
        Network network = backend.create(spec, parameters);
        network.fit(row, TrainingOptions.builder().optimizer(training.optimizer())
                .regularization(training.regularization()).schedule(training.schedule())
                .learningRate(training.learningRate()).epochs(1).batchSize(BatchSize.of(1)).build());
        return network.parameters();
    }

    private static ParameterStep step(Optimizer optimizer, Regularization regularization, double eta,
                                      ParameterChain p, boolean bias, double backend) {
        String theta = p.name();
        List<StepTerm> terms = new ArrayList<>();
        String g = "∂L/∂" + theta;
        double[] gradient = {p.gradient()};
        double l2 = regularization.l2For(bias);
        if (l2 != 0) {
            gradient[0] += l2 * p.value();
            terms.add(new StepTerm("g", g + " + λ₂·" + theta, gradient[0]));
            g = "g";
        }
        // A fresh state is not always 0 (rmsprop's starts at ε, adagrad's at 1e-6): the optimizer says where.
        double[] s0 = {optimizer.initialState()};
        double[] s1 = {optimizer.initialState()};
        optimizer.toUpdate(gradient, s0, s1, 1, eta, FIRST);
        double u = gradient[0];
        String update = "u";
        if (optimizer instanceof Optimizer.Sgd) {
            update = "η·" + g;
        } else if (optimizer instanceof Optimizer.Nesterov) {
            terms.add(new StepTerm("v'", "μ·0 − η·" + g, s0[0]));
            terms.add(new StepTerm("u", "μ·0 − (1 + μ)·v'", u));
        } else if (optimizer instanceof Optimizer.Adam adam) {
            terms.add(new StepTerm("m", "β1·0 + (1 − β1)·" + g, s0[0]));
            terms.add(new StepTerm("v", "β2·0 + (1 − β2)·" + squared(g), s1[0]));
            terms.add(new StepTerm("α", "η·√(1 − β2) / (1 − β1)", adam.stepSize(eta, FIRST)));
            terms.add(new StepTerm("u", "α·m / (√v + ε)", u));
        } else if (optimizer instanceof Optimizer.RmsProp) {
            terms.add(new StepTerm("s", "ρ·ε + (1 − ρ)·" + squared(g), s0[0]));
            terms.add(new StepTerm("u", "η·" + g + " / (√s + ε)", u));
        } else if (optimizer instanceof Optimizer.AdaGrad) {
            terms.add(new StepTerm("h", Optimizer.AdaGrad.INITIAL_STATE + " + " + squared(g), s0[0]));
            terms.add(new StepTerm("u", "η·" + g + " / (√h + ε)", u));
        }
        double decay = regularization.decayFor(bias, eta);
        if (decay != 0) {
            u += decay * p.value();
            update = update + " + λ_wd·" + (regularization.weightDecayWithLearningRate() ? "η·" : "") + theta;
            update = "(" + update + ")";
        }
        return new ParameterStep(theta, p.value(), terms, theta + " − " + update, p.value() - u, backend);
    }

    /** {@code g²}, or {@code (∂L/∂w1)²}: the square of a derivative, unmistakably. */
    private static String squared(String g) {
        return g.equals("g") ? "g²" : "(" + g + ")²";
    }
}
