package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsCommandTest {
    @Test
    void listsTheReferenceBackendAndMarksItSelectedByDefault() {
        Cli.Run run = Cli.run("backends");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).anySatisfy(line -> assertThat(line).startsWith("* reference"));
        assertThat(run.out()).contains("selected: reference, by the default");
    }

    @Test
    void theDescriptionsStartInOneColumnHoweverLongTheNames() {
        String text = Cli.run("backends").out();
        List<Integer> columns = new ArrayList<>();

        for (JsonNode backend : Cli.run("backends", "--json").json().get("backends")) {
            String description = backend.get("description").asText();
            String row = text.lines().filter(l -> l.endsWith(description)).findFirst().orElseThrow();
            columns.add(row.indexOf(description));
        }

        assertThat(columns).hasSizeGreaterThanOrEqualTo(3).containsOnly(columns.get(0));
    }

    @Test
    void jsonListsEveryBackendWithOnlyTheSelectedOneMarked() {
        Cli.Run run = Cli.run("backends", "--json", "--backend", "reference");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("selected").asText()).isEqualTo("reference");
        List<String> selected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode backend : json.get("backends")) {
            names.add(backend.get("name").asText());
            assertThat(backend.get("description").asText()).isNotBlank();
            if (backend.get("selected").asBoolean()) {
                selected.add(backend.get("name").asText());
            }
        }
        assertThat(names).contains("reference").isSorted();
        assertThat(selected).containsExactly("reference");
    }

    @Test
    void theSystemPropertyChoosesTheBackendAndIsNamedAsTheRule() {
        String before = System.getProperty("backprop.backend");
        System.setProperty("backprop.backend", "dl4j");
        try {
            Cli.Run run = Cli.run("backends");
            assertThat(run.out()).contains("selected: dl4j, by system property backprop.backend");
            assertThat(Cli.run("backends", "--backend", "reference").out()).contains("selected: reference, by --backend");
        } finally {
            if (before == null) {
                System.clearProperty("backprop.backend");
            } else {
                System.setProperty("backprop.backend", before);
            }
        }
    }

    @Test
    void anUnknownBackendFailsWithOneLineNamingItAndTheBackendsFound() {
        Cli.Run run = Cli.run("backends", "--backend", "nope", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: ").contains("\"nope\"").contains("reference");
    }

    @Test
    void backendNamesTakeAnyCaseAsInitAndProgressDo() {
        Cli.Run run = Cli.run("backends", "--backend", "DL4J", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("selected").asText()).isEqualTo("dl4j");
        assertThat(Cli.run("--backend", "Reference-Textbook", "demo", "--json", "--epochs", 1).json()
                .get("backend").asText()).isEqualTo("reference-textbook");
    }

    @Test
    void oneBackendInTwoCasesBeforeAndAfterTheCommandIsOneChoice() {
        Cli.Run run = Cli.run("--backend", "DL4J", "backends", "--backend", "dl4j");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("selected: dl4j, by --backend");
    }

    @Test
    void aMistypedBackendGetsTheClosestNameSuggested() {
        Cli.Run run = Cli.run("--backend", "dl4jj", "demo");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("backprop: backend \"dl4jj\" not found (did you mean dl4j?); ");
    }

    @Test
    void theCommandsNotFoundMessageIsTheLibrarysNamingTheRuleAsTheCommandsOption() {
        Cli.Run run = Cli.run("backends", "--backend", "nope");
        String library = org.assertj.core.api.Assertions.catchThrowable(
                () -> io.backprop.Backends.chosen(new io.backprop.BackendChoice("nope", "--backend"))).getMessage();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("backprop: " + library);
        assertThat(library).startsWith("backend \"nope\" not found; the backends found are: dl4j, pytorch, reference,"
                + " reference-textbook (").endsWith("; it was chosen by --backend");
    }
}
