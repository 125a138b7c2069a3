package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.BackendException;
import io.backprop.params.TwoTwoOne;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The api module alone has no backend on its class path, and says so. */
class BackendsTest {
    @Test
    void theApiModuleAloneFindsNoBackend() {
        assertThat(Backends.available()).isEmpty();
    }

    @Test
    void anUnknownNameIsRefusedListingTheBackendsFound() {
        assertThatThrownBy(() -> Backends.named("nope"))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"nope\" not found; the backends found are: none"
                        + " (reference and reference-textbook are in io.backprop:backprop-reference,"
                        + " dl4j is in io.backprop:backprop-dl4j,"
                        + " pytorch is in io.backprop:backprop-pytorch)");
    }

    @Test
    void creatingOnAMissingBackendIsRefusedTheSameWay() {
        NetworkSpec article = NetworkSpec.builder(2)
                .layer(2, Activation.SIGMOID)
                .layer(1, Activation.SIGMOID)
                .loss(Loss.MSE)
                .build();

        assertThatThrownBy(() -> Backends.create(Backends.DEFAULT, article, TwoTwoOne.of(1, 2, 3, 4, 5, 6, 7, 8, 9)))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"reference\" not found; the backends found are: none"
                        + " (reference and reference-textbook are in io.backprop:backprop-reference,"
                        + " dl4j is in io.backprop:backprop-dl4j,"
                        + " pytorch is in io.backprop:backprop-pytorch)");
    }

    /** Backends that only have a name, standing for the ones a full class path holds. */
    private static final List<Backend> FOUND = List.of(named("dl4j"), named("reference"), named("reference-textbook"));

    private static Backend named(String name) {
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "a stand-in";
            }

            @Override
            public Network create(NetworkSpec spec, Parameters parameters) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void namesAreMatchedIgnoringCase() {
        assertThat(Backends.named("DL4J", FOUND).name()).isEqualTo("dl4j");
        assertThat(Backends.named("Reference-Textbook", FOUND).name()).isEqualTo("reference-textbook");
        assertThat(Backends.named("reference", FOUND).name()).isEqualTo("reference");
    }

    @Test
    void aNameOneSlipAwayFromABackendGetsItSuggested() {
        assertThatThrownBy(() -> Backends.named("dl4jj", FOUND))
                .isInstanceOf(BackendException.class)
                .hasMessage("backend \"dl4jj\" not found (did you mean dl4j?); the backends found are: dl4j, reference,"
                        + " reference-textbook (reference and reference-textbook are in io.backprop:backprop-reference,"
                        + " dl4j is in io.backprop:backprop-dl4j,"
                        + " pytorch is in io.backprop:backprop-pytorch)");
        assertThatThrownBy(() -> Backends.named("refrence-textbok", FOUND))
                .hasMessageContaining("(did you mean reference-textbook?)");
        assertThatThrownBy(() -> Backends.named("Refernce", FOUND))
                .hasMessageContaining("(did you mean reference?)");
        assertThatThrownBy(() -> Backends.named("ref", FOUND))
                .hasMessageContaining("(did you mean reference or reference-textbook?)");
    }

    @Test
    void aKnownBackendMissingFromTheClassPathIsSuggestedToo() {
        assertThatThrownBy(() -> Backends.named("dl4k", List.of()))
                .hasMessageStartingWith("backend \"dl4k\" not found (did you mean dl4j?); the backends found are: none");
    }

    @Test
    void theTextbookBackendMissingFromTheClassPathIsNamedWithItsArtifactAndSuggested() {
        assertThatThrownBy(() -> Backends.named("refrence-textbook", List.of()))
                .hasMessageStartingWith("backend \"refrence-textbook\" not found (did you mean reference-textbook?)")
                .hasMessageContaining("reference and reference-textbook are in io.backprop:backprop-reference");
    }

    @Test
    void aNameCloseToNoBackendGetsNoSuggestion() {
        assertThatThrownBy(() -> Backends.named("nope", FOUND)).message().doesNotContain("did you mean");
        assertThatThrownBy(() -> Backends.named("textbook", FOUND)).message().doesNotContain("did you mean");
    }
}
