package io.backprop.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.comparison.BackendComparison;
import io.backprop.conformance.comparison.Tolerances;
import io.backprop.conformance.GeneratedNetworks;
import io.backprop.reference.ReferenceBackend;
import io.backprop.spi.Backend;
import io.backprop.teaching.Article;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison keeps the plain tolerance where values are well conditioned, and widens it only by measured spread. */
class ConditioningTest {
    private final List<Backend> backends = List.of(new ReferenceBackend(), new Dl4jBackend());

    @Test
    void theArticlesNetworkIsJudgedByThePlainTolerances() {
        List<BackendComparison.Row> rows = BackendComparison.compare(backends, Article.NETWORK, Article.START,
                Article.PEOPLE, null, Tolerances.DEFAULT);

        assertThat(rows).extracting(BackendComparison.Row::tolerance)
                .containsExactly(Tolerances.DEFAULT.outputs(), Tolerances.DEFAULT.losses(), Tolerances.DEFAULT.gradients());
        assertThat(rows).allSatisfy(row -> assertThat(row.within()).isTrue());
    }

    @Test
    void aDeepNetworkWithLargeCancellingSumsIsAllowedItsMeasuredRoundingSpread() {
        // generated.1043: 12 → 15 relu → 13 identity → 16 relu → 9 softmax, weights ×3. Its outputs differ
        // between the two backends by 3.6e-12 relative, beyond 1e-12, because the sums they come from cancel.
        GeneratedNetworks.Sample sample = GeneratedNetworks.of(1043, 1).get(0);

        BackendComparison.Row outputs = BackendComparison.compare(backends, sample.spec(), sample.parameters(),
                sample.data(), null, Tolerances.DEFAULT).get(0);

        assertThat(outputs.kind()).isEqualTo("outputs");
        assertThat(outputs.worst()).isGreaterThan(Tolerances.DEFAULT.outputs());
        assertThat(outputs.tolerance()).isGreaterThan(outputs.worst());
        assertThat(outputs.within()).isTrue();
    }
}
