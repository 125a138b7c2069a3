package io.backprop.dl4j;

import io.backprop.Backends;
import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.Initializer;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import io.backprop.train.BatchSize;
import io.backprop.train.TrainingOptions;

/**
 * A library user's program on the dl4j backend, run in a JVM of its own by {@link QuietStartTest}:
 * it trains the article's network and prints one line, so anything else in its output came from
 * the libraries.
 */
final class LibraryUserProgram {
    private LibraryUserProgram() {
    }

    public static void main(String[] args) {
        NetworkSpec spec = NetworkSpec.builder(2).layer(2, Activation.SIGMOID).layer(1, Activation.SIGMOID)
                .loss(Loss.MSE).build();
        DataSet people = DataSet.of(new double[][] {{-2, -1}, {25, 6}, {17, 4}, {-15, -6}},
                new double[][] {{1}, {0}, {0}, {1}});
        Network network = Backends.create("dl4j", spec, Initializer.STANDARD_NORMAL.initialize(spec, 1));
        network.fit(people, TrainingOptions.builder().learningRate(0.1).epochs(100).batchSize(BatchSize.of(1))
                .build());
        System.out.println("emily " + network.predict(new double[] {-7, -3})[0]);
    }
}
