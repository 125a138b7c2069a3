package io.backprop.dl4j;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.teaching.Article;

/**
 * A library user's program on the dl4j backend, run in a JVM of its own by {@link QuietStartTest}:
 * it trains the article's network and prints one line, so anything else in its output came from
 * the libraries.
 */
final class LibraryUserProgram {
    private LibraryUserProgram() {
    }

    public static void main(String[] args) {
        Network network = Backends.create("dl4j", Article.NETWORK, Article.START);
        network.fit(Article.PEOPLE, Article.TRAINING.toBuilder().epochs(100).build());
        System.out.println("emily " + network.predict(Article.EMILY.features())[0]);
    }
}
