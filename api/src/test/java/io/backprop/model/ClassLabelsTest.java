package io.backprop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.DataException;
import io.backprop.spec.Activation;
import io.backprop.spec.Loss;
import io.backprop.spec.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Class names as targets and as predictions. */
class ClassLabelsTest {
    private static final ClassLabels MF = ClassLabels.of(List.of("M", "F"));
    private static final ClassLabels IRIS = ClassLabels.of(List.of("setosa", "versicolor", "virginica"));

    @Test
    void withOneOutputTheClassesAreTargetsZeroAndOne() {
        assertThat(MF.target(MF.indexOf("M"), 1)).containsExactly(0);
        assertThat(MF.target(MF.indexOf("F"), 1)).containsExactly(1);
    }

    @Test
    void withSeveralOutputsTheClassesAreOneHot() {
        assertThat(IRIS.target(IRIS.indexOf("versicolor"), 3)).containsExactly(0, 1, 0);
        assertThat(IRIS.target(IRIS.indexOf("virginica"), 3)).containsExactly(0, 0, 1);
    }

    @Test
    void oneOutputAtOneHalfOrMorePredictsTheSecondClass() {
        assertThat(MF.predicted(new double[] {0.5})).isEqualTo("F");
        assertThat(MF.predicted(new double[] {0.4999})).isEqualTo("M");
        assertThat(MF.predicted(new double[] {0.97})).isEqualTo("F");
    }

    @Test
    void severalOutputsPredictTheLargestTheFirstOnATie() {
        assertThat(IRIS.predicted(new double[] {0.1, 0.2, 0.7})).isEqualTo("virginica");
        assertThat(IRIS.predicted(new double[] {0.6, 0.3, 0.1})).isEqualTo("setosa");
        assertThat(IRIS.predicted(new double[] {0.2, 0.4, 0.4})).isEqualTo("versicolor");
    }

    @Test
    void fitsTwoClassesToOneOutputElseOnePerOutput() {
        assertThat(MF.fits(1)).isTrue();
        assertThat(MF.fits(2)).isTrue();
        assertThat(MF.fits(3)).isFalse();
        assertThat(IRIS.fits(1)).isFalse();
        assertThat(IRIS.fits(3)).isTrue();
        NetworkSpec fourOutputs = NetworkSpec.builder(2).layer(4, Activation.SOFTMAX).loss(Loss.XENT).build();
        assertThatThrownBy(() -> IRIS.checkFits(fourOutputs)).isInstanceOf(DataException.class)
                .hasMessage("found 3 classes (setosa, versicolor, virginica); the network has 4 outputs;"
                        + " expected 4 classes, one per output");
    }

    @Test
    void sortedOrdersByName() {
        assertThat(ClassLabels.sorted(List.of("M", "F", "M")).names()).containsExactly("F", "M");
    }

    @Test
    void refusesRepeatedEmptyOrTooFewNames() {
        assertThatThrownBy(() -> ClassLabels.of(List.of("M", "F", "M"))).isInstanceOf(DataException.class)
                .hasMessage("found the class \"M\" twice; expected distinct names");
        assertThatThrownBy(() -> ClassLabels.of(List.of("M", ""))).isInstanceOf(DataException.class)
                .hasMessage("found an empty class name; expected a name for every class");
        assertThatThrownBy(() -> ClassLabels.of(List.of("M"))).isInstanceOf(DataException.class)
                .hasMessage("found 1 class (M); expected at least 2 distinct names");
    }
}
