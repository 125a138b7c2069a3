package io.backprop.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backprop.error.TrainingException;
import org.junit.jupiter.api.Test;

/** Training options start from the article's and refuse values SGD cannot use. */
class TrainingOptionsTest {
    @Test
    void theDefaultsAreTheArticles() {
        TrainingOptions options = TrainingOptions.builder().build();

        assertThat(options.learningRate()).isEqualTo(0.1);
        assertThat(options.epochs()).isEqualTo(1000);
        assertThat(options.batchSize()).isEqualTo(BatchSize.of(1));
        assertThat(options.shuffleSeed()).isEmpty();
        assertThat(options.listener()).isSameAs(EpochListener.NONE);
        assertThat(options.lossEvery()).isEqualTo(1);
        assertThat(options.optimizer()).isEqualTo(io.backprop.optimizer.Optimizer.sgd());
        assertThat(options.regularization().isNone()).isTrue();
        assertThat(options.validation()).isEmpty();
        assertThat(options.patience()).isZero();
    }

    @Test
    void anotherOptimizersRateIsDl4jsDefaultUnlessOneIsSetInWhateverOrder() {
        io.backprop.optimizer.Optimizer adam = io.backprop.optimizer.Optimizer.adam();
        assertThat(TrainingOptions.builder().optimizer(adam).build().learningRate()).isEqualTo(1e-3);
        assertThat(TrainingOptions.builder().learningRate(0.5).optimizer(adam).build().learningRate()).isEqualTo(0.5);
        assertThat(TrainingOptions.builder().optimizer(adam).learningRate(0.5).build().learningRate()).isEqualTo(0.5);
        // A rate that was never set follows the optimizer through toBuilder too.
        TrainingOptions sgd = TrainingOptions.builder().build();
        assertThat(sgd.toBuilder().optimizer(adam).build().learningRate()).isEqualTo(1e-3);
    }

    @Test
    void lossEveryZeroIsRefused() {
        assertThatThrownBy(() -> TrainingOptions.builder().lossEvery(0))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("loss every: found 0; expected at least 1");
    }

    @Test
    void lossEveryIsKeptAndSaidOnlyWhenNotOne() {
        TrainingOptions every10 = TrainingOptions.builder().lossEvery(10).build();

        assertThat(every10.lossEvery()).isEqualTo(10);
        assertThat(every10.toBuilder().build().lossEvery()).isEqualTo(10);
        assertThat(every10.toString()).endsWith(", loss every 10 epochs");
        assertThat(TrainingOptions.builder().build().toString()).doesNotContain("loss every");
    }

    @Test
    void aNegativeLearningRateIsRefused() {
        assertThatThrownBy(() -> TrainingOptions.builder().learningRate(-0.5))
                .isInstanceOf(TrainingException.class)
                .hasMessage("learning rate: found -0.5; expected a positive, finite number such as 0.1");
    }

    @Test
    void aZeroLearningRateIsRefused() {
        assertThatThrownBy(() -> TrainingOptions.builder().learningRate(0))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("learning rate: found 0.0;");
    }

    @Test
    void aNanLearningRateIsRefused() {
        assertThatThrownBy(() -> TrainingOptions.builder().learningRate(Double.NaN))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("learning rate: found NaN;");
    }

    @Test
    void anInfiniteLearningRateIsRefused() {
        assertThatThrownBy(() -> TrainingOptions.builder().learningRate(Double.POSITIVE_INFINITY))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("learning rate: found Infinity;");
    }

    @Test
    void zeroEpochsAreRefused() {
        assertThatThrownBy(() -> TrainingOptions.builder().epochs(0))
                .isInstanceOf(TrainingException.class)
                .hasMessage("epochs: found 0; expected at least 1");
    }

    @Test
    void theSetValuesAreKept() {
        EpochListener listener = (epoch, loss) -> TrainingDecision.CONTINUE;

        TrainingOptions options = TrainingOptions.builder()
                .learningRate(0.5).epochs(3).batchSize(BatchSize.ALL).shuffle(-7).listener(listener).build();

        assertThat(options.learningRate()).isEqualTo(0.5);
        assertThat(options.epochs()).isEqualTo(3);
        assertThat(options.batchSize()).isSameAs(BatchSize.ALL);
        assertThat(options.shuffleSeed()).hasValue(-7);
        assertThat(options.listener()).isSameAs(listener);
    }

    @Test
    void inOrderUndoesShuffle() {
        assertThat(TrainingOptions.builder().shuffle(1).inOrder().build().shuffleSeed()).isEmpty();
    }

    @Test
    void toBuilderKeepsEveryOptionAndLeavesTheOriginalUnchanged() {
        TrainingOptions original = TrainingOptions.builder().learningRate(0.5).epochs(3).shuffle(9).build();

        TrainingOptions changed = original.toBuilder().epochs(4).build();

        assertThat(changed.learningRate()).isEqualTo(0.5);
        assertThat(changed.shuffleSeed()).hasValue(9);
        assertThat(changed.epochs()).isEqualTo(4);
        assertThat(original.epochs()).isEqualTo(3);
    }

    @Test
    void toStringSaysWhatWasChosen() {
        TrainingOptions options = TrainingOptions.builder().learningRate(0.5).epochs(3).batchSize(BatchSize.ALL)
                .shuffle(9).build();

        assertThat(options).hasToString("η = 0.5, 3 epochs, batch size all, shuffled with seed 9");
    }
}
