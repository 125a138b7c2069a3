package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.comparison.BackendComparison;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.GeneratedNetworks;
import io.backprop.error.TrainingException;
import io.backprop.reference.ReferenceBackend;
import io.backprop.spi.Backend;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both backends side by side on 200 generated networks: outputs, loss, gradients, and parameters
 * after 3 epochs of batch-3 SGD, each within its tolerance or its measured rounding spread (see
 * {@link BackendComparison}); for each kind, the value that came closest to its allowance is logged.
 */
class DifferentialRunTest {
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialRunTest.class);
    private static final int CASES = 200;

    @Test
    void referenceAndDl4jAgreeOnTwoHundredGeneratedNetworks() {
        List<Backend> backends = List.of(new ReferenceBackend(), new Dl4jBackend());
        TrainingOptions training = TrainingOptions.builder().learningRate(0.01).epochs(3).batchSize(BatchSize.of(3))
                .build();
        Map<String, BackendComparison.Row> worst = new LinkedHashMap<>();
        Map<String, String> worstCase = new LinkedHashMap<>();
        int diverged = 0;
        for (GeneratedNetworks.Sample sample : GeneratedNetworks.of(1000, CASES)) {
            // Some generated networks (large inputs and weights, summed errors) blow up under any SGD:
            // there both backends must refuse to go on, and the rest is compared without training.
            boolean referenceDiverges = diverges(backends.get(0), sample, training);
            assertThat(diverges(backends.get(1), sample, training)).as("dl4j diverges where the reference %s, on %s",
                    referenceDiverges ? "does" : "does not", sample.id()).isEqualTo(referenceDiverges);
            diverged += referenceDiverges ? 1 : 0;
            for (BackendComparison.Row row : BackendComparison.compare(backends, sample.spec(), sample.parameters(),
                    sample.data(), referenceDiverges ? null : training, Tolerances.DEFAULT)) {
                String kind = row.kind();
                if (!worst.containsKey(kind) || ratio(row) > ratio(worst.get(kind))) {
                    worst.put(kind, row);
                    worstCase.put(kind, sample.id() + " (" + sample.title() + ")");
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "differential run, dl4j against reference, %d generated networks (%d diverge in training on both):%n",
                CASES, diverged));
        worst.forEach((kind, row) -> table.append(String.format(Locale.ROOT,
                "  %-28s closest to its allowance: %.3g against %.1e allowed, at %s, %s%n",
                kind, row.worst(), row.tolerance(), row.where(), worstCase.get(kind))));
        LOG.info("{}", table);
        assertThat(worst.values()).allSatisfy(row -> assertThat(row.within()).as(table.toString()).isTrue());
    }

    /** How much of its allowance a row uses; NaN uses more than all of it. */
    private static double ratio(BackendComparison.Row row) {
        return Double.isNaN(row.worst()) ? Double.POSITIVE_INFINITY : row.worst() / row.tolerance();
    }

    private static boolean diverges(Backend backend, GeneratedNetworks.Sample sample, TrainingOptions training) {
        try {
            backend.create(sample.spec(), sample.parameters()).fit(sample.data(), training);
            return false;
        } catch (TrainingException e) {
            return true;
        }
    }
}
