package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.junit.jupiter.api.Assertions.fail;

import io.backprop.conformance.NaiveBackend.Defect;
import io.backprop.error.BackpropException;
import io.backprop.spi.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A suite that cannot fail is not a suite: the kit passes a sound backend, and for each broken one it
 * fails exactly the cases that should catch its defect, each failure saying what differed, where, by
 * how much and against which tolerance, as the Reactive Streams TCK checks its own messages.
 *
 * <p>{@link #defects()} is the table: one line per defect, with the exact set of case ids it fails and
 * a piece of the message of the first of them. A defect that fails a case it has nothing to do with
 * means that case is too broad; one that fails none means the kit has a hole. To add a defect, add it
 * to {@link NaiveBackend.Defect} and a line here with no ids: the test fails and prints the line to
 * paste, with the ids it fails and its first message, to be reviewed for sense before it is pasted.
 */
class KitCatchesBrokenBackendsTest {
    /**
     * Each defect, the cases it fails (ids separated by spaces; {@code generated.{3,7}} stands for
     * {@code generated.3 generated.7}), and a piece of the message of the first case listed: the
     * quantity, the place, the difference and the tolerance. In the piece, {@code …} stands for any text.
     */
    static Stream<Arguments> defects() {
        return Stream.of(
                caught(Defect.SIGMOID_DERIVATIVE_OF_THE_OUTPUT, "article.worked-example.gradient article.training saturation.sigmoid-mse "
                        + "saturation.hidden-sigmoid xor.per-sample-sgd xor.full-batch-sse edges.sigmoid-output.mse "
                        + "edges.sigmoid-output.sse edges.sigmoid-hidden.mse edges.sigmoid-hidden.sse "
                        + "edges.sigmoid-hidden.xent trajectory.oracle.mse-sigmoid.batch-1.in-order "
                        + "trajectory.oracle.mse-tanh.batch-3.shuffled trajectory.oracle.xent-softmax.batch-3.shuffled "
                        + "trajectory.oracle.xent-sigmoid.batch-7.in-order "
                        + "trajectory.oracle.sse-sigmoid.batch-all.in-order trajectory.oracle.sse-tanh.batch-257.shuffled "
                        + "optimizer.trajectory.sgd.plain.batch-all.in-order "
                        + "optimizer.trajectory.sgd.l2.batch-all.in-order "
                        + "optimizer.trajectory.sgd.decay.batch-all.in-order "
                        + "optimizer.trajectory.sgd.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.plain.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.l2.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.decay.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.plain.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.l2.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.sgd.plain.batch-1.in-order optimizer.trajectory.sgd.l2.batch-1.shuffled "
                        + "optimizer.trajectory.sgd.decay.batch-3.in-order "
                        + "optimizer.trajectory.sgd.decay-without-lr.batch-3.shuffled "
                        + "optimizer.trajectory.nesterov.l2.batch-1.in-order "
                        + "optimizer.trajectory.nesterov.decay.batch-1.shuffled "
                        + "optimizer.trajectory.nesterov.decay-without-lr.batch-3.in-order "
                        + "optimizer.trajectory.nesterov.plain.batch-3.shuffled "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-1.in-order "
                        + "optimizer.trajectory.rmsprop.plain.batch-1.shuffled "
                        + "optimizer.trajectory.rmsprop.l2.batch-3.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-3.shuffled schedule.step.by-epoch "
                        + "schedule.step.by-iteration schedule.exponential.by-epoch schedule.exponential.by-iteration "
                        + "schedule.map.by-epoch schedule.map.by-iteration training-state.nesterov.read "
                        + "training-state.nesterov.resumed-by-the-oracle training-state.adam.read "
                        + "training-state.adam.resumed-by-the-oracle training-state.rmsprop.read "
                        + "training-state.rmsprop.resumed-by-the-oracle training-state.adagrad.read "
                        + "training-state.adagrad.resumed-by-the-oracle validation.figures.mse sizes.509x97.rows-263 "
                        + "sizes.513x257.rows-257 sizes.509x97.train.batch-7 sizes.513x257.train.batch-all "
                        + "generated.{8,9,10,11,12,16,27,29,31,32,35,38,42,43,44,45,46,49,52,53,54,58,60} "
                        + "gradients.{1,6,11,13,14,16,18,21,25,26,30,31,32,33,35,36}",
                        "∂L/∂w of layer 0 weight(0, 0): worst difference 0.0898, got 0.11120849166028557, expected "
                        + "0.0214 (absolute); tolerance 1e-04"),
                caught(Defect.BIAS_GRADIENT_NOT_AVERAGED, "edges.softmax-partial-labels edges.identity-far-targets edges.huge-inputs "
                        + "trajectory.oracle.mse-tanh.batch-3.shuffled trajectory.oracle.xent-softmax.batch-3.shuffled "
                        + "trajectory.oracle.mse-relu.batch-7.in-order trajectory.oracle.xent-sigmoid.batch-7.in-order "
                        + "trajectory.oracle.mse-identity.batch-all.shuffled "
                        + "trajectory.oracle.xent-softmax.batch-all.shuffled "
                        + "trajectory.oracle.mse-softmax.batch-257.in-order "
                        + "trajectory.oracle.xent-sigmoid.batch-257.in-order "
                        + "optimizer.trajectory.sgd.plain.batch-all.in-order "
                        + "optimizer.trajectory.sgd.l2.batch-all.in-order "
                        + "optimizer.trajectory.sgd.decay.batch-all.in-order "
                        + "optimizer.trajectory.sgd.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.plain.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.l2.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.decay.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.plain.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.l2.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.plain.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.l2.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.decay.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.sgd.decay.batch-3.in-order "
                        + "optimizer.trajectory.sgd.decay-without-lr.batch-3.shuffled "
                        + "optimizer.trajectory.nesterov.decay-without-lr.batch-3.in-order "
                        + "optimizer.trajectory.nesterov.plain.batch-3.shuffled "
                        + "optimizer.trajectory.rmsprop.l2.batch-3.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-3.shuffled "
                        + "optimizer.trajectory.adagrad.decay.batch-3.in-order "
                        + "optimizer.trajectory.adagrad.decay-without-lr.batch-3.shuffled schedule.step.by-epoch "
                        + "schedule.step.by-iteration schedule.exponential.by-epoch schedule.exponential.by-iteration "
                        + "schedule.map.by-epoch schedule.map.by-iteration training-state.nesterov.read "
                        + "training-state.nesterov.resumed-by-the-oracle training-state.adam.read "
                        + "training-state.adam.resumed-by-the-oracle training-state.rmsprop.read "
                        + "training-state.rmsprop.resumed-by-the-oracle training-state.adagrad.read "
                        + "training-state.adagrad.resumed-by-the-oracle validation.figures.mse validation.figures.xent "
                        + "validation.early-stopping.patience-3 validation.early-stopping.min-delta streaming.loss-and-gradients.mse sizes.300x64.rows-257 "
                        + "sizes.300x64.rows-300 sizes.300x64.rows-1000 sizes.509x97.rows-263 sizes.512x256.rows-1000 "
                        + "sizes.300x64.train.batch-257 sizes.509x97.train.batch-7 sizes.512x256.train.batch-300 "
                        + "generated.{1,3,4,5,11,14,15,16,17,19,20,21,26,28,30,31,32,33,35,37,42,43,44,45,46,47,48,49,51,52,53,54,60} "
                        + "gradients.{1,3,4,5,11,13,14,15,16,17,23,24,25,27,28,29,35,36}",
                        "the 4 rows as one batch: ∂L/∂b of layer 0, bias(0): worst difference 0.750, got "
                        + "-0.4135340617545803, expected -0.10338351543864507; tolerance 1e-10"),
                caught(Defect.TRANSPOSED_WEIGHTS, "article.feedforward article.training xor.per-sample-sgd xor.full-batch-sse "
                        + "edges.identity-far-targets edges.tiny-inputs generated.{3,4,7,16,17,32,34,49,50,51,53} "
                        + "gradients.{16,26,29,32,36}",
                        "output[0][0]: worst difference 0.0111, got 0.729740651093834, expected "
                        + "0.7216325609518421; tolerance 1e-12"),
                caught(Defect.UPDATE_ONCE_PER_EPOCH, "article.training xor.per-sample-sgd trajectory.mse.batch-1.in-order "
                        + "trajectory.mse.batch-1.shuffled trajectory.mse.batch-3.in-order "
                        + "trajectory.mse.batch-3.shuffled trajectory.xent.batch-1.in-order "
                        + "trajectory.xent.batch-1.shuffled trajectory.xent.batch-3.in-order "
                        + "trajectory.xent.batch-3.shuffled trajectory.oracle.mse-sigmoid.batch-1.in-order "
                        + "trajectory.oracle.sse-relu.batch-1.shuffled trajectory.oracle.xent-sigmoid.batch-1.in-order "
                        + "trajectory.oracle.mse-tanh.batch-3.shuffled trajectory.oracle.sse-identity.batch-3.in-order "
                        + "trajectory.oracle.xent-softmax.batch-3.shuffled trajectory.oracle.mse-relu.batch-7.in-order "
                        + "trajectory.oracle.sse-softmax.batch-7.shuffled trajectory.oracle.xent-sigmoid.batch-7.in-order "
                        + "trajectory.oracle.mse-softmax.batch-257.in-order trajectory.oracle.sse-tanh.batch-257.shuffled "
                        + "trajectory.oracle.xent-sigmoid.batch-257.in-order "
                        + "optimizer.trajectory.sgd.plain.batch-1.in-order schedule.step.by-epoch "
                        + "schedule.exponential.by-epoch schedule.map.by-epoch validation.early-stopping.patience-3 "
                        + "streaming.in-order.straddling streaming.shuffled.straddling sizes.300x64.train.batch-257 sizes.509x97.train.batch-7 sizes.512x256.train.batch-300",
                        "parameters after 1000 epochs: worst difference 0.000255, layer 0, weight(0, 0); tolerance "
                        + "1e-09"),
                caught(Defect.SOFTMAX_WITHOUT_SHIFT, "saturation.softmax-xent edges.huge-inputs generated.{36}",
                        "output 0: worst difference NaN, got NaN, expected 1.0; tolerance 1e-12"),
                caught(Defect.COMPLEMENT_FROM_THE_ROUNDED_OUTPUT, "saturation.sigmoid-mse saturation.softmax-mse"
                        + " saturation.hidden-softmax saturation.hidden-sigmoid edges.tanh-output.mse"
                        + " edges.tanh-output.sse edges.tanh-hidden.mse edges.tanh-hidden.sse edges.tanh-hidden.xent"
                        + " edges.sigmoid-output.mse edges.sigmoid-output.sse edges.sigmoid-output.xent"
                        + " edges.sigmoid-hidden.mse edges.sigmoid-hidden.sse edges.sigmoid-hidden.xent",
                        "loss: worst difference 0.00204, got 8.738655981392335E-27, expected 8.756510762694881E-27;"
                        + " tolerance 1e-12"),
                caught(Defect.PARAMETERS_TRUSTED_FINITE, "behaviour.diverging-between-losses", "fit with η = 1e10 on a"
                        + " linear network, loss every 1000th of 50 epochs: worst difference NaN, was accepted; expected"
                        + " a TrainingException; tolerance 0e+00"),
                caught(Defect.SHALLOW_COPY, "behaviour.copy-independent behaviour.copies-across-threads", "the"
                        + " original's parameters after training the copy: worst difference 0.0635, layer 1, bias(0);"
                        + " tolerance 0e+00"),
                caught(Defect.COPY_BY_AN_UNREGISTERED_NAME, "registration.service-loader behaviour.copy-independent"
                        + " behaviour.copies-across-threads", "Backends.named(\"naive-unregistered\"): worst difference"
                        + " NaN, found no backend (backend \"naive-unregistered\" not found; … list"
                        + " io.backprop.conformance.NaiveBackend in META-INF/services/io.backprop.spi.Backend, …;"
                        + " tolerance 0e+00"),
                caught(Defect.RELU_SLOPE_ONE_AT_ZERO, "edges.relu-at-zero", "hidden relu at z = 0: ∂L/∂w of layer 0,"
                        + " weight(0, 0): worst difference 1.00, got 1.0, expected 0.0; tolerance 1e-10"),
                caught(Defect.TANH_SLOPE_ZERO_BEYOND_20, "edges.tanh-hidden.sse edges.tanh-hidden.mse"
                        + " edges.tanh-hidden.xent edges.tanh-output.mse edges.tanh-output.sse", "hidden tanh at"
                        + " z = ±40 under sse: ∂L/∂w of layer 0, weight(0, 0): worst difference 1.00, got 0.0, expected"
                        + " 2.0394820682653194E-34; tolerance 1e-10"),
                caught(Defect.SOFTMAX_XENT_GRADIENT_IGNORES_TARGET_SUM, "edges.softmax-partial-labels", "targets (0.2,"
                        + " 0.3, 0.1), summing to 0.6: ∂L/∂w of layer 0, weight(0, 0): worst difference 0.415, got"
                        + " -0.0721313189438908, expected -0.12327879136633449; tolerance 1e-10"),
                caught(Defect.SCRATCH_SHARED_BY_EVERY_NETWORK, "concurrency.fit-on-threads", "results of 6 networks"
                        + " trained on 6 threads at once: worst difference NaN, … of 6 threads differ from the same runs"
                        + " one after another; thread …: fit returned …; tolerance 0e+00"),
                caught(Defect.NETWORK_SAYS_ANOTHER_NAME, "registration.network-name", "Network.backend(): worst"
                        + " difference NaN, a network made by the backend named \"naive\" says \"naive-java\";"
                        + " Network.copy() looks that name up; tolerance 0e+00"),
                caught(Defect.LISTENER_STOP_IGNORED, "listener.stop listener.stop-between-losses", "a 10-epoch run"
                        + " stopped after epoch 4: worst difference NaN, fit returned TrainingResult[10 epochs, …];"
                        + " expected 4 epochs, stopped early, with the losses … of a run of 4 epochs; tolerance 0e+00"),
                caught(Defect.NATIVE_FORMAT_LOSES_DIGITS, "registration.native-format", "the naive backend's model"
                        + " file of 3 inputs → 4 tanh → 3 relu → 2 softmax, loss xent: parameters read back: worst"
                        + " difference 2.65e-15, layer 1, bias(0); tolerance 0e+00"),
                caught(Defect.ROWS_KEPT_BY_SHAPE, "streaming.in-order.straddling streaming.shuffled.straddling",
                        "parameters after 4 epochs: worst difference 0.0327, layer 1, weight(1, 4); tolerance 0e+00"),
                caught(Defect.BIAS_DROPPED_PAST_ROW_256, "sizes.300x64.rows-257 sizes.300x64.rows-300 sizes.300x64.rows-1000 "
                        + "sizes.509x97.rows-263 sizes.513x257.rows-257 sizes.512x256.rows-1000",
                        "outputs: worst difference 0.917, row 256, output 0; tolerance 1e-12"),
                caught(Defect.LARGE_BATCH_AS_MEAN_OF_CHUNK_MEANS, "trajectory.oracle.mse-softmax.batch-257.in-order "
                        + "trajectory.oracle.xent-sigmoid.batch-257.in-order sizes.300x64.train.batch-257 "
                        + "sizes.512x256.train.batch-300",
                        "parameters after 50 steps: worst difference 0.0299, layer 2, bias(2); tolerance 1e-09"),
                caught(Defect.GRADIENTS_ROUNDED_TO_FLOAT, "saturation.sigmoid-mse saturation.softmax-mse saturation.hidden-softmax "
                        + "saturation.hidden-sigmoid xor.per-sample-sgd xor.full-batch-sse edges.tanh-output.mse "
                        + "edges.tanh-output.sse edges.tanh-hidden.mse edges.tanh-hidden.sse edges.tanh-hidden.xent "
                        + "edges.sigmoid-output.mse edges.sigmoid-output.sse edges.sigmoid-output.xent "
                        + "edges.sigmoid-hidden.mse edges.sigmoid-hidden.sse edges.sigmoid-hidden.xent "
                        + "edges.softmax-partial-labels edges.tiny-inputs edges.huge-inputs "
                        + "trajectory.oracle.mse-sigmoid.batch-1.in-order trajectory.oracle.sse-relu.batch-1.shuffled "
                        + "trajectory.oracle.xent-sigmoid.batch-1.in-order trajectory.oracle.mse-tanh.batch-3.shuffled "
                        + "trajectory.oracle.sse-identity.batch-3.in-order "
                        + "trajectory.oracle.xent-softmax.batch-3.shuffled trajectory.oracle.mse-relu.batch-7.in-order "
                        + "trajectory.oracle.sse-softmax.batch-7.shuffled trajectory.oracle.xent-sigmoid.batch-7.in-order "
                        + "trajectory.oracle.mse-identity.batch-all.shuffled "
                        + "trajectory.oracle.sse-sigmoid.batch-all.in-order "
                        + "trajectory.oracle.xent-softmax.batch-all.shuffled "
                        + "trajectory.oracle.sse-tanh.batch-257.shuffled "
                        + "trajectory.oracle.xent-sigmoid.batch-257.in-order "
                        + "optimizer.trajectory.sgd.l2.batch-all.in-order "
                        + "optimizer.trajectory.sgd.decay.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.plain.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.l2.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.decay.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.adam.plain.batch-all.in-order "
                        + "optimizer.trajectory.adam.l2.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.plain.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.l2.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.plain.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.l2.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.decay.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.sgd.plain.batch-1.in-order optimizer.trajectory.sgd.l2.batch-1.shuffled "
                        + "optimizer.trajectory.sgd.decay.batch-3.in-order "
                        + "optimizer.trajectory.sgd.decay-without-lr.batch-3.shuffled "
                        + "optimizer.trajectory.nesterov.l2.batch-1.in-order "
                        + "optimizer.trajectory.nesterov.decay.batch-1.shuffled "
                        + "optimizer.trajectory.nesterov.decay-without-lr.batch-3.in-order "
                        + "optimizer.trajectory.nesterov.plain.batch-3.shuffled "
                        + "optimizer.trajectory.adam.decay.batch-1.in-order "
                        + "optimizer.trajectory.adam.decay-without-lr.batch-1.shuffled "
                        + "optimizer.trajectory.adam.plain.batch-3.in-order optimizer.trajectory.adam.l2.batch-3.shuffled "
                        + "optimizer.trajectory.rmsprop.decay.batch-3.shuffled "
                        + "optimizer.trajectory.adagrad.plain.batch-1.in-order "
                        + "optimizer.trajectory.adagrad.l2.batch-1.shuffled "
                        + "optimizer.trajectory.adagrad.decay.batch-3.in-order "
                        + "optimizer.trajectory.adagrad.decay-without-lr.batch-3.shuffled schedule.step.by-epoch "
                        + "schedule.step.by-iteration schedule.exponential.by-epoch schedule.exponential.by-iteration "
                        + "schedule.map.by-epoch schedule.map.by-iteration training-state.nesterov.read "
                        + "training-state.nesterov.resumed-by-the-oracle training-state.adam.read "
                        + "training-state.adam.resumed-by-the-oracle training-state.rmsprop.read "
                        + "training-state.adagrad.read training-state.adagrad.resumed-by-the-oracle "
                        + "validation.figures.mse validation.early-stopping.patience-3 "
                        + "validation.early-stopping.min-delta streaming.loss-and-gradients.mse streaming.loss-and-gradients.sse sizes.300x64.rows-257 sizes.300x64.rows-300 "
                        + "sizes.300x64.rows-1000 sizes.509x97.rows-263 sizes.513x257.rows-257 sizes.512x256.rows-1000 "
                        + "sizes.512x256.train.batch-300 "
                        + "gradients.{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36}",
                        "∂L/∂w: worst difference 1.48e-08, got -1.751302178544152E-26, expected "
                        + "-1.7513021525388124E-26; tolerance 1e-10"),
                caught(Defect.REMAINDER_OF_BLOCKED_SUM_DROPPED, "sizes.300x64.rows-257 sizes.300x64.rows-300 sizes.300x64.rows-1000 "
                        + "sizes.509x97.rows-263 sizes.513x257.rows-257 sizes.300x64.train.batch-257 "
                        + "sizes.509x97.train.batch-7 sizes.513x257.train.batch-all",
                        "outputs: worst difference 0.674, row 168, output 4; tolerance 1e-12"),
                caught(Defect.SPLIT_GRADIENT_HALF_LOST, "sizes.512x256.rows-1000",
                        "gradients: worst difference 0.478, layer 1, weight(3, 129); tolerance 1e-10"),
                caught(Defect.ADAM_WITHOUT_BIAS_CORRECTION, "optimizer.step.adam.plain optimizer.step.adam.l2 optimizer.step.adam.l2-bias "
                        + "optimizer.step.adam.decay optimizer.step.adam.decay-without-lr "
                        + "optimizer.trajectory.adam.plain.batch-all.in-order "
                        + "optimizer.trajectory.adam.l2.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay.batch-1.in-order "
                        + "optimizer.trajectory.adam.decay-without-lr.batch-1.shuffled "
                        + "optimizer.trajectory.adam.plain.batch-3.in-order optimizer.trajectory.adam.l2.batch-3.shuffled "
                        + "training-state.adam.read training-state.adam.resumed-by-the-oracle validation.figures.mse "
                        + "validation.figures.xent",
                        "parameters after step 1 of adam: worst difference 0.0504, layer 2, bias(0); tolerance 1e-12"),
                caught(Defect.EPSILON_INSIDE_THE_SQUARE_ROOT, "optimizer.step.rmsprop.plain optimizer.step.rmsprop.l2 optimizer.step.rmsprop.l2-bias "
                        + "optimizer.step.rmsprop.decay optimizer.step.rmsprop.decay-without-lr "
                        + "optimizer.trajectory.rmsprop.plain.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.l2.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-1.in-order "
                        + "optimizer.trajectory.rmsprop.plain.batch-1.shuffled "
                        + "optimizer.trajectory.rmsprop.l2.batch-3.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-3.shuffled training-state.rmsprop.read "
                        + "training-state.rmsprop.resumed-by-the-oracle",
                        "parameters after step 1 of rmsprop: worst difference 0.00635, layer 1, weight(2, 1); tolerance "
                        + "1e-12"),
                caught(Defect.RMSPROP_STATE_STARTING_AT_ZERO, "optimizer.step.rmsprop.plain optimizer.step.rmsprop.l2 optimizer.step.rmsprop.l2-bias "
                        + "optimizer.step.rmsprop.decay optimizer.step.rmsprop.decay-without-lr "
                        + "optimizer.trajectory.rmsprop.plain.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.l2.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.decay-without-lr.batch-1.in-order "
                        + "optimizer.trajectory.rmsprop.plain.batch-1.shuffled "
                        + "optimizer.trajectory.rmsprop.l2.batch-3.in-order "
                        + "optimizer.trajectory.rmsprop.decay.batch-3.shuffled training-state.rmsprop.read",
                        "parameters after step 1 of rmsprop: worst difference 0.0336, layer 0, weight(2, 1); tolerance "
                        + "1e-12"),
                caught(Defect.L2_AFTER_THE_UPDATE, "optimizer.step.sgd.l2 optimizer.step.sgd.l2-bias optimizer.step.nesterov.l2 "
                        + "optimizer.step.nesterov.l2-bias optimizer.step.adam.l2 optimizer.step.adam.l2-bias "
                        + "optimizer.step.rmsprop.l2 optimizer.step.rmsprop.l2-bias optimizer.step.adagrad.l2 "
                        + "optimizer.step.adagrad.l2-bias optimizer.trajectory.sgd.l2.batch-all.in-order "
                        + "optimizer.trajectory.nesterov.l2.batch-all.in-order "
                        + "optimizer.trajectory.adam.l2.batch-all.in-order "
                        + "optimizer.trajectory.rmsprop.l2.batch-all.in-order "
                        + "optimizer.trajectory.adagrad.l2.batch-all.in-order "
                        + "optimizer.trajectory.sgd.l2.batch-1.shuffled optimizer.trajectory.nesterov.l2.batch-1.in-order "
                        + "optimizer.trajectory.adam.l2.batch-3.shuffled optimizer.trajectory.rmsprop.l2.batch-3.in-order "
                        + "optimizer.trajectory.adagrad.l2.batch-1.shuffled",
                        "parameters after step 1 of sgd: worst difference 0.00704, layer 1, weight(0, 2); tolerance "
                        + "1e-12"),
                caught(Defect.MOMENTUM_RESET_AT_EACH_FIT, "schedule.step.by-iteration schedule.exponential.by-iteration schedule.map.by-iteration "
                        + "training-state.nesterov.set-into-a-new-network training-state.nesterov.second-fit-continues "
                        + "training-state.adam.set-into-a-new-network training-state.adam.second-fit-continues "
                        + "training-state.rmsprop.set-into-a-new-network training-state.rmsprop.second-fit-continues "
                        + "training-state.adagrad.set-into-a-new-network training-state.adagrad.second-fit-continues streaming.shuffled.batch-over-blocks streaming.shuffled.per-row",
                        "parameters after fit 2: worst difference 0.295, layer 1, weight(1, 1); tolerance 1e-09"),
                caught(Defect.ITERATION_COUNT_RESTARTING_PER_EPOCH, "optimizer.step.adam.plain optimizer.step.adam.l2 optimizer.step.adam.l2-bias "
                        + "optimizer.step.adam.decay optimizer.step.adam.decay-without-lr "
                        + "optimizer.trajectory.adam.plain.batch-all.in-order "
                        + "optimizer.trajectory.adam.l2.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay-without-lr.batch-all.in-order "
                        + "optimizer.trajectory.adam.decay.batch-1.in-order "
                        + "optimizer.trajectory.adam.decay-without-lr.batch-1.shuffled "
                        + "optimizer.trajectory.adam.plain.batch-3.in-order optimizer.trajectory.adam.l2.batch-3.shuffled "
                        + "training-state.adam.read training-state.adam.resumed-by-the-oracle validation.figures.mse "
                        + "validation.figures.xent",
                        "parameters after step 2 of adam: worst difference 0.0146, layer 2, weight(0, 1); tolerance 1e-12"));
    }

    private static Arguments caught(Defect defect, String ids, String firstMessage) {
        return Arguments.of(defect, ids, firstMessage);
    }

    /** A {@link ConformanceFailure}'s message: what, the worst difference, where, the tolerance. */
    private static final Pattern FAILURE = Pattern.compile(
            "(?s)(?<what>.+?): worst difference (?<worst>\\S+), (?<where>.+); tolerance (?<tolerance>\\S+)");

    /** The failures of every case that runs on {@code backend}, by case id, in the kit's order. */
    private static Map<String, Throwable> failures(Backend backend) {
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (ConformanceCase c : BackendConformanceSuite.cases()) {
            Optional<String> missing = c.missing(backend, Capabilities.everything());
            if (missing.isPresent()) {
                // The naive backend is registered and has a native format: no case may pass it by.
                failed.put(c.id(), new AssertionError("skipped: " + missing.orElseThrow()));
                continue;
            }
            try {
                c.run(backend);
            } catch (AssertionError | RuntimeException e) {
                failed.put(c.id(), e);
            }
        }
        return failed;
    }

    @Test
    void aSoundBackendPassesEveryCase() {
        Map<String, Throwable> failed = failures(new NaiveBackend(Defect.NONE));

        assertThat(failed.entrySet()).extracting(e -> e.getKey() + ": " + e.getValue()).isEmpty();
    }

    @ParameterizedTest(name = "{0} fails exactly its cases")
    @MethodSource("defects")
    void eachDefectFailsExactlyItsCasesNamingWhatWhereAndByHowMuch(Defect defect, String ids, String firstMessage) {
        Map<String, Throwable> failed = failures(new NaiveBackend(defect));

        assertThat(failed).as("%s fails no case: the kit has a hole", defect).isNotEmpty();
        Set<String> expected = expand(ids);
        if (!failed.keySet().equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(failed.keySet());
            Set<String> unexpected = new TreeSet<>(failed.keySet());
            unexpected.removeAll(expected);
            String first = failed.values().iterator().next().getMessage();
            fail(defect + " fails other cases than the table says: it passes " + missing + ", and fails " + unexpected
                    + ". If the cases it fails make sense for it, its line in the table is\n" + "caught(Defect."
                    + defect + ", \"" + compact(failed.keySet()) + "\", \"" + javaString(first) + "\"),");
        }
        for (Map.Entry<String, Throwable> failure : failed.entrySet()) {
            wellFormed(failure.getKey(), failure.getValue());
        }
        String first = expected.iterator().next();
        assertThat(matches(failed.get(first).getMessage(), firstMessage))
                .as("%s on %s says%n  %s%nwhere the table expects%n  %s", first, defect, failed.get(first).getMessage(),
                        firstMessage)
                .isTrue();
    }

    @Test
    void everyDefectIsInTheTable() {
        Set<Defect> listed = defects().map(arguments -> (Defect) arguments.get()[0])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Defect.class)));

        assertThat(EnumSet.complementOf(EnumSet.copyOf(listed))).containsExactly(Defect.NONE);
    }

    /**
     * A failure says what differed, where, by how much and against which tolerance: a
     * {@link ConformanceFailure} whose message has the four parts, whose worst difference breaks its
     * tolerance (or is NaN, when the where says in words what went wrong). The one other failure allowed is
     * the backend's own typed error, a {@link BackpropException}, which names its own cause; anything
     * else (a NullPointerException, say) is a bug of the kit or a failure it should have described.
     */
    private static void wellFormed(String id, Throwable failure) {
        if (failure instanceof BackpropException) {
            assertThat(failure.getMessage()).as("%s: the backend's own error", id).isNotBlank();
            return;
        }
        assertThat(failure).as("%s failed with", id).isInstanceOf(ConformanceFailure.class);
        ConformanceFailure conformance = (ConformanceFailure) failure;
        Matcher parts = FAILURE.matcher(conformance.getMessage());
        assertThat(parts.matches()).as("%s: \"%s\" names what, the worst difference, where and the tolerance", id,
                conformance.getMessage()).isTrue();
        assertThat(parts.group("what")).as("%s: what", id).isNotBlank();
        assertThat(parts.group("where")).as("%s: where", id).isNotBlank();
        assertThat(Double.parseDouble(parts.group("tolerance"))).as("%s: the tolerance printed", id)
                .isEqualTo(conformance.tolerance());
        assertThat(!(conformance.worst() <= conformance.tolerance())).as("%s: worst difference %s breaks tolerance %s",
                id, conformance.worst(), conformance.tolerance()).isTrue();
        double printed = Double.parseDouble(parts.group("worst"));
        if (Double.isFinite(conformance.worst())) {
            assertThat(printed).as("%s: the worst difference printed", id).isCloseTo(conformance.worst(),
                    withPercentage(1));
        } else {
            assertThat(Double.toString(printed)).as("%s: the worst difference printed", id)
                    .isEqualTo(Double.toString(conformance.worst()));
        }
    }

    /** Whether {@code message} contains {@code expected}, where {@code …} in it stands for any text. */
    private static boolean matches(String message, String expected) {
        String pattern = Arrays.stream(expected.split("…", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile("(?s).*" + pattern + ".*").matcher(message).matches();
    }

    /** The ids of a table line, in its order, {@code generated.{3,7}} expanded. */
    private static Set<String> expand(String ids) {
        Set<String> set = new LinkedHashSet<>();
        for (String id : ids.trim().split("\\s+")) {
            Matcher group = Pattern.compile("(.*)\\{(.*)}").matcher(id);
            if (group.matches()) {
                for (String n : group.group(2).split(",")) {
                    set.add(group.group(1) + n);
                }
            } else if (!id.isEmpty()) {
                set.add(id);
            }
        }
        return set;
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Ids as a table line writes them: a numbered family's ids as {@code family.{1,2,3}}. */
    private static String compact(Set<String> ids) {
        Map<String, List<String>> numbered = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        for (String id : ids) {
            Matcher m = Pattern.compile("(.*\\.)(\\d+)").matcher(id);
            if (m.matches()) {
                numbered.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            } else {
                plain.add(id);
            }
        }
        numbered.forEach((family, numbers) -> plain.add(family + "{" + String.join(",", numbers) + "}"));
        return String.join(" ", plain);
    }
}
