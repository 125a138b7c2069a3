package io.backprop.conformance;

import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.comparison.Tolerances.Kind;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link GeneratedNetworks}, each checked against the kit's {@link Oracle}: outputs and loss,
 * and every gradient against central finite differences of the oracle's loss.
 */
final class GeneratedCases {
    private GeneratedCases() {
    }

    static List<ConformanceCase> of(long seed, int count) {
        List<ConformanceCase> cases = new ArrayList<>();
        for (GeneratedNetworks.Sample sample : GeneratedNetworks.of(seed, count)) {
            cases.add(new Generated(sample.id(), sample.title(), sample.spec(), sample.parameters(), sample.data()));
        }
        return cases;
    }

    private record Generated(String id, String title, NetworkSpec spec, Parameters parameters, DataSet data)
            implements ConformanceCase {
        @Override
        public List<NetworkSpec> specs() {
            return List.of(spec);
        }

        @Override
        public String checks() {
            return "the network its title names, on random parameters and rows from the case's seed: outputs and loss"
                    + " against the kit's own oracle (a plain second implementation of the forward pass and the"
                    + " losses), and every ∂L/∂θ against five-point central finite differences of the oracle's loss";
        }

        @Override
        public String tolerance() {
            return Notes.allowed("outputs", Kind.OUTPUTS, "loss", Kind.LOSSES, "∂L/∂θ", Kind.GRADIENT_CHECK,
                    "above", Kind.GRADIENT_CHECK_FLOOR);
        }

        @Override
        public String lookAt() {
            return "the failure names the layer and the weight or bias; then each activation's derivative (relu's is 0"
                    + " at z ≤ 0), the loss's averaging (mse over rows and outputs, sse none, xent over rows), layers"
                    + " without bias, the softmax's Jacobian, and bias gradients averaged over the batch as the"
                    + " weights' are";
        }

        @Override
        public void run(Backend backend) {
            Network network = backend.create(spec, parameters);
            Check.outputs(network.predict(data), Oracle.outputs(spec, parameters, data), Tolerances.OUTPUTS);
            Check.value("loss", network.loss(data), Oracle.loss(spec, parameters, data), Tolerances.LOSSES);
            double lossScale = Math.max(1, Math.abs(Oracle.loss(spec, parameters, data)));
            Check.gradients(network.gradients(data),
                    Oracle.numericalGradients(spec, parameters, data, Tolerances.STENCIL_STEP),
                    Tolerances.GRADIENT_CHECK, Tolerances.GRADIENT_CHECK_FLOOR * lossScale);
        }
    }
}
