package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.model.ModelFile;
import io.backprop.teaching.Article;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The files of examples/article, which the README and the demo point users to, hold the teaching
 * module's {@link Article} value for value: they are one more place the article's data is written,
 * and this keeps them from drifting from it.
 */
class ArticleExampleFilesTest {
    private static final Path ARTICLE = Path.of("..", "examples", "article");

    @Test
    void theSpecIsTheArticlesNetwork() {
        assertThat(ModelFile.read(ARTICLE.resolve("spec.json")).spec()).isEqualTo(Article.NETWORK);
    }

    @Test
    void theTablesAreTheArticlesFourPeople() throws IOException {
        assertThat(read("people-raw.csv")).isEqualTo(ArticleFiles.PEOPLE_RAW);
        // The same rows as the tests' file; its header names the target "female".
        assertThat(rows(read("people.csv"))).isEqualTo(rows(ArticleFiles.PEOPLE));
    }

    @Test
    void theNewcomersAreEmilyAndFrank() throws IOException {
        assertThat(read("newcomers.csv")).isEqualTo(ArticleFiles.NEWCOMERS);
        assertThat(read("newcomers-raw.csv")).isEqualTo(ArticleFiles.NEWCOMERS_RAW);
    }

    private static String read(String name) throws IOException {
        return Files.readString(ARTICLE.resolve(name));
    }

    /** The lines after the header. */
    private static String rows(String csv) {
        return csv.substring(csv.indexOf('\n') + 1);
    }
}
