package io.backprop.conformance.comparison;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.params.LayerParameters;
import io.backprop.teaching.ParameterNames;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import io.backprop.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Runs several backends on the same spec, parameters and data, and reports how far each differs
 * from the first: in outputs, loss, gradients and, when training options are given, parameters
 * after training.
 *
 * <p>A value passes when its relative difference is within the tolerance of its kind, or within
 * {@value #SPREAD_FACTOR} times the rounding spread of that value: how far each of the two backends'
 * results move from that backend's own result when every parameter is perturbed by
 * {@value #PERTURBATION_ULPS} units in the last place ({@value #PERTURBATIONS} random perturbations
 * each). Such a perturbation re-rolls every rounding of the computation, so where a value is
 * ill-conditioned (a softmax near saturation, large cancelling sums, a chaotic training run) its
 * spread shows how far two correct float64 backends may differ; where it is well-conditioned the
 * spread is tiny and the tolerance rules. Each backend's spread is measured around its own result,
 * never around the other's: otherwise a backend wrong by the same amount in every run would measure
 * its own error as spread and be forgiven it.
 */
public final class BackendComparison {
    /** How many ulps each parameter is perturbed by, up or down at random. */
    public static final int PERTURBATION_ULPS = 16;
    /** How many perturbed runs of each backend measure the spread. */
    public static final int PERTURBATIONS = 4;
    /** How many times the measured spread two correct backends may differ by. */
    public static final double SPREAD_FACTOR = 10;

    private BackendComparison() {
    }

    /**
     * One kind of value compared between one backend and the baseline.
     *
     * @param worst the relative difference at the value that came closest to (or went furthest past) what it is allowed
     * @param where that value
     * @param tolerance what that value is allowed: the kind's tolerance, or more where its rounding spread is larger
     */
    public record Row(String backend, String kind, double worst, String where, double tolerance) {
        /** Whether the difference is within the tolerance (NaN never is). */
        public boolean within() {
            return worst <= tolerance;
        }
    }

    /**
     * The difference of every parameter of one kind (gradients, or parameters after training) between
     * one backend and the baseline, absolute and relative.
     *
     * @param names the parameters' names, as {@link ParameterNames#all()} gives them
     * @param absolute {@code |backend − baseline|} of each parameter, in the order of {@code names}
     * @param relative each absolute difference over the largest magnitude of its layer in the baseline
     *     (the smallest normal double when that layer is all 0): what {@link Row#worst()} measures for
     *     the same kind, so that the largest of them is that row's worst unless the rounding spread
     *     allows another more
     */
    public record ParameterDifferences(String backend, String kind, List<String> names, double[] absolute,
                                       double[] relative) {
        public ParameterDifferences {
            names = List.copyOf(names);
            absolute = absolute.clone();
            relative = relative.clone();
        }

        @Override
        public double[] absolute() {
            return absolute.clone();
        }

        @Override
        public double[] relative() {
            return relative.clone();
        }
    }

    /**
     * A whole comparison: the worst difference of each kind, and the difference of every parameter.
     *
     * @param rows as {@link #compare} gives them
     * @param parameters for each backend after the first: its gradients, then (when trained) its parameters after training
     */
    public record Report(List<Row> rows, List<ParameterDifferences> parameters) {
        public Report {
            rows = List.copyOf(rows);
            parameters = List.copyOf(parameters);
        }
    }

    /** What one run of a network gives, flattened per kind, with the gradients and trained parameters as they came. */
    private record Results(Values outputs, Values loss, Values gradients, Values trained, Parameters gradientValues,
                           Parameters trainedValues) {
    }

    /**
     * Compares every backend in {@code backends} with the first.
     *
     * @param training options for a training run compared afterwards, or null for none
     */
    public static List<Row> compare(List<Backend> backends, NetworkSpec spec, Parameters parameters, DataSet data,
                                    TrainingOptions training, Tolerances tolerances) {
        return report(backends, spec, parameters, data, training, tolerances).rows();
    }

    /**
     * Compares every backend in {@code backends} with the first, as {@link #compare} does, and also keeps
     * the difference of every gradient and every trained parameter.
     *
     * @param training options for a training run compared afterwards, or null for none
     */
    public static Report report(List<Backend> backends, NetworkSpec spec, Parameters parameters, DataSet data,
                                TrainingOptions training, Tolerances tolerances) {
        Backend baseline = backends.get(0);
        Results expected = run(baseline, spec, parameters, data, training);
        List<Results> baselineSpread = perturbedRuns(baseline, spec, parameters, data, training);
        List<Row> rows = new ArrayList<>();
        List<ParameterDifferences> perParameter = new ArrayList<>();
        List<String> names = ParameterNames.of(spec).all();
        for (Backend backend : backends.subList(1, backends.size())) {
            Results actual = run(backend, spec, parameters, data, training);
            perParameter.add(differences(backend.name(), "gradients", names, actual.gradientValues(),
                    expected.gradientValues()));
            if (training != null) {
                perParameter.add(differences(backend.name(), "parameters after " + training.epochs() + " epochs",
                        names, actual.trainedValues(), expected.trainedValues()));
            }
            // Each backend's rounding shows in its own perturbed runs, each measured from its own result.
            Spread spread = new Spread(expected, baselineSpread, actual,
                    perturbedRuns(backend, spec, parameters, data, training));
            rows.add(judge(backend.name(), "outputs", actual.outputs(), expected.outputs(),
                    spread.of(Results::outputs), tolerances.outputs()));
            rows.add(judge(backend.name(), "loss", actual.loss(), expected.loss(), spread.of(Results::loss),
                    tolerances.losses()));
            rows.add(judge(backend.name(), "gradients", actual.gradients(), expected.gradients(),
                    spread.of(Results::gradients), tolerances.gradients()));
            if (training != null) {
                rows.add(judge(backend.name(), "parameters after " + training.epochs() + " epochs", actual.trained(),
                        expected.trained(), spread.of(Results::trained), tolerances.parameters()));
            }
        }
        return new Report(rows, perParameter);
    }

    private static ParameterDifferences differences(String backend, String kind, List<String> names,
                                                    Parameters actual, Parameters expected) {
        double[] a = ParameterNames.values(actual);
        double[] e = ParameterNames.values(expected);
        double[] scales = layerScales(expected);
        double[] absolute = new double[e.length];
        double[] relative = new double[e.length];
        for (int k = 0; k < e.length; k++) {
            absolute[k] = a[k] == e[k] ? 0 : Math.abs(a[k] - e[k]);
            relative[k] = absolute[k] / scales[k];
        }
        return new ParameterDifferences(backend, kind, names, absolute, relative);
    }

    /**
     * For each parameter in the order of {@link ParameterNames#all()} (every weight, then every bias),
     * the scale its difference is judged on: the one {@link Values#ofParameters} gives, the largest
     * magnitude in its layer.
     */
    private static double[] layerScales(Parameters expected) {
        Values byLayer = Values.ofParameters(expected);
        int weights = 0;
        int biases = 0;
        for (LayerParameters layer : expected.layers()) {
            weights += layer.units() * layer.inputs();
            biases += layer.hasBiases() ? layer.units() : 0;
        }
        double[] scales = new double[weights + biases];
        int weightAt = 0;
        int biasAt = weights;
        int valueAt = 0;
        for (LayerParameters layer : expected.layers()) {
            // Every value of a layer has its layer's scale: ask for the first one's.
            double scale = byLayer.scale(valueAt, byLayer.value(valueAt));
            int layerWeights = layer.units() * layer.inputs();
            int layerBiases = layer.hasBiases() ? layer.units() : 0;
            Arrays.fill(scales, weightAt, weightAt + layerWeights, scale);
            Arrays.fill(scales, biasAt, biasAt + layerBiases, scale);
            weightAt += layerWeights;
            biasAt += layerBiases;
            valueAt += layerWeights + layerBiases;
        }
        return scales;
    }

    private static List<Results> perturbedRuns(Backend backend, NetworkSpec spec, Parameters parameters, DataSet data,
                                               TrainingOptions training) {
        Random random = new Random(parameters.hashCode());
        List<Results> runs = new ArrayList<>();
        for (int p = 0; p < PERTURBATIONS; p++) {
            runs.add(run(backend, spec, perturb(parameters, random), data, training));
        }
        return runs;
    }

    private static Results run(Backend backend, NetworkSpec spec, Parameters parameters, DataSet data,
                               TrainingOptions training) {
        Network network = backend.create(spec, parameters);
        Values outputs = Values.ofOutputs(network.predict(data));
        Values loss = Values.ofLoss(network.loss(data));
        Parameters gradientValues = network.gradients(data);
        Values gradients = Values.ofParameters(gradientValues);
        Values trained = null;
        Parameters trainedValues = null;
        if (training != null) {
            network.fit(data, training);
            trainedValues = network.parameters();
            trained = Values.ofParameters(trainedValues);
        }
        return new Results(outputs, loss, gradients, trained, gradientValues, trainedValues);
    }

    /** Both backends' unperturbed and perturbed results, from which the spread of each value of a kind is taken. */
    private record Spread(Results baseline, List<Results> baselineRuns, Results backend, List<Results> backendRuns) {
        /** The largest distance of any perturbed run's value from its own backend's unperturbed value, per value. */
        double[] of(java.util.function.Function<Results, Values> kind) {
            double[] spread = new double[kind.apply(baseline).size()];
            widen(spread, kind.apply(baseline), baselineRuns.stream().map(kind).toList());
            widen(spread, kind.apply(backend), backendRuns.stream().map(kind).toList());
            return spread;
        }

        private static void widen(double[] spread, Values center, List<Values> runs) {
            for (Values run : runs) {
                for (int i = 0; i < spread.length; i++) {
                    spread[i] = Math.max(spread[i], Math.abs(run.value(i) - center.value(i)));
                }
            }
        }
    }

    private static Row judge(String backend, String kind, Values actual, Values expected, double[] spread,
                             double tolerance) {
        double worstRatio = -1;
        double worst = 0;
        double allowedAtWorst = tolerance;
        String where = "";
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.value(i);
            double e = expected.value(i);
            double scale = expected.scale(i, a);
            double difference = a == e ? 0 : Math.abs(a - e) / scale;
            double allowed = Math.max(tolerance, SPREAD_FACTOR * spread[i] / scale);
            double ratio = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference / allowed;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = difference;
                allowedAtWorst = allowed;
                where = expected.place(i);
            }
        }
        return new Row(backend, kind, worst, where, allowedAtWorst);
    }

    /** Every weight and bias moved by {@value #PERTURBATION_ULPS} ulps, up or down at random. */
    private static Parameters perturb(Parameters parameters, Random random) {
        List<LayerParameters> layers = new ArrayList<>();
        for (LayerParameters layer : parameters.layers()) {
            double[] w = new double[layer.units() * layer.inputs()];
            layer.copyWeightsTo(w, 0);
            for (int k = 0; k < w.length; k++) {
                w[k] += (random.nextBoolean() ? 1 : -1) * PERTURBATION_ULPS * Math.ulp(w[k]);
            }
            double[] b = layer.hasBiases() ? layer.biases() : null;
            if (b != null) {
                for (int j = 0; j < b.length; j++) {
                    b[j] += (random.nextBoolean() ? 1 : -1) * PERTURBATION_ULPS * Math.ulp(b[j]);
                }
            }
            layers.add(LayerParameters.ofFlat(layer.units(), layer.inputs(), w, b));
        }
        return Parameters.of(layers);
    }

    /**
     * Values of one kind, flattened, each with its place and how its difference is scaled: by its own
     * magnitude (outputs, loss), or by the largest magnitude of its layer (gradients, parameters).
     */
    private record Values(double[] values, String[] places, double[] layerScales) {
        static Values ofOutputs(double[][] outputs) {
            int width = outputs.length == 0 ? 0 : outputs[0].length;
            double[] values = new double[outputs.length * width];
            String[] places = new String[values.length];
            for (int r = 0; r < outputs.length; r++) {
                for (int k = 0; k < width; k++) {
                    values[r * width + k] = outputs[r][k];
                    places[r * width + k] = "row " + r + ", output " + k;
                }
            }
            return new Values(values, places, null);
        }

        static Values ofLoss(double loss) {
            return new Values(new double[] {loss}, new String[] {""}, null);
        }

        static Values ofParameters(Parameters parameters) {
            List<Double> values = new ArrayList<>();
            List<String> places = new ArrayList<>();
            List<Double> scales = new ArrayList<>();
            for (int l = 0; l < parameters.layers().size(); l++) {
                LayerParameters layer = parameters.layer(l);
                int start = values.size();
                double largest = 0;
                for (int j = 0; j < layer.units(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        values.add(layer.weight(j, i));
                        places.add("layer " + l + ", weight(" + j + ", " + i + ")");
                        largest = Math.max(largest, Math.abs(layer.weight(j, i)));
                    }
                    if (layer.hasBiases()) {
                        values.add(layer.bias(j));
                        places.add("layer " + l + ", bias(" + j + ")");
                        largest = Math.max(largest, Math.abs(layer.bias(j)));
                    }
                }
                for (int k = start; k < values.size(); k++) {
                    scales.add(largest == 0 ? Double.MIN_NORMAL : largest);
                }
            }
            return new Values(values.stream().mapToDouble(Double::doubleValue).toArray(), places.toArray(String[]::new),
                    scales.stream().mapToDouble(Double::doubleValue).toArray());
        }

        int size() {
            return values.length;
        }

        double value(int i) {
            return values[i];
        }

        String place(int i) {
            return places[i];
        }

        /** The scale of value {@code i} of these expected values, compared with {@code actual}. */
        double scale(int i, double actual) {
            if (layerScales != null) {
                return layerScales[i];
            }
            double scale = Math.max(Math.abs(values[i]), Math.abs(actual));
            return scale == 0 ? Double.MIN_NORMAL : scale;
        }
    }
}
