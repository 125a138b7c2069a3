package io.backprop.conformance.comparison;

import io.backprop.Network;
import io.backprop.data.DataSet;
import io.backprop.data.DataSource;
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
import java.util.function.Function;

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
     * Compares every backend in {@code backends} with the first on rows read a block at a time, as
     * {@link #report(List, NetworkSpec, Parameters, DataSource, TrainingOptions, Tolerances)} does.
     *
     * @param training options for a training run compared afterwards, or null for none
     */
    public static List<Row> compare(List<Backend> backends, NetworkSpec spec, Parameters parameters, DataSource data,
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
        return report(backends, spec, parameters, ComparedRows.whole(data), training, tolerances);
    }

    /**
     * Compares every backend in {@code backends} with the first on rows read a block at a time, for data
     * larger than memory, and keeps the difference of every gradient and every trained parameter.
     *
     * <p>Memory holds a block's outputs of every network, not the rows: each network (each backend's and
     * its perturbed runs') is created once and kept, the blocks are predicted by all of them in lockstep,
     * and the loss, the gradients and the training run are {@link Network#loss(DataSource)}, {@link
     * Network#gradients(DataSource)} and {@link Network#fit(DataSource, TrainingOptions)}. The outputs'
     * row is judged and named as the {@link DataSet} report judges and names the same rows held whole:
     * by its number among all the rows. The loss and the gradients are summed by block, so they equal
     * those of the rows held whole to rounding, not bit for bit; and a training run that shuffles visits
     * the blocks' rows in another order than one on the rows held whole.
     *
     * @param training options for a training run compared afterwards, or null for none
     * @throws io.backprop.error.BackendException from a backend whose networks train only on rows held
     *     whole, when {@code training} is given
     */
    public static Report report(List<Backend> backends, NetworkSpec spec, Parameters parameters, DataSource data,
                                TrainingOptions training, Tolerances tolerances) {
        return report(backends, spec, parameters, ComparedRows.inBlocks(data), training, tolerances);
    }

    private static Report report(List<Backend> backends, NetworkSpec spec, Parameters parameters, ComparedRows data,
                                 TrainingOptions training, Tolerances tolerances) {
        List<Parameters> perturbed = perturbations(parameters);
        List<Runs> runs = new ArrayList<>();
        for (Backend backend : backends) {
            runs.add(Runs.create(backend, spec, parameters, perturbed));
        }
        List<Row> outputs = outputs(runs, data, tolerances.outputs());
        List<Results> results = new ArrayList<>();
        for (Runs run : runs) {
            results.add(run.results(data, training));
        }
        Results expected = results.get(0);
        List<Row> rows = new ArrayList<>();
        List<ParameterDifferences> perParameter = new ArrayList<>();
        List<String> names = ParameterNames.of(spec).all();
        String trainedKind = training == null ? null : "parameters after " + training.epochs() + " epochs";
        for (int b = 1; b < backends.size(); b++) {
            String backend = backends.get(b).name();
            Results actual = results.get(b);
            perParameter.add(differences(backend, "gradients", names, actual.gradientValues(),
                    expected.gradientValues()));
            if (training != null) {
                perParameter.add(differences(backend, trainedKind, names, actual.trainedValues(),
                        expected.trainedValues()));
            }
            rows.add(outputs.get(b - 1));
            rows.add(judge(backend, "loss", actual.loss(), expected.loss(), tolerances.losses()));
            rows.add(judge(backend, "gradients", actual.gradients(), expected.gradients(), tolerances.gradients()));
            if (training != null) {
                rows.add(judge(backend, trainedKind, actual.trained(), expected.trained(), tolerances.parameters()));
            }
        }
        return new Report(rows, perParameter);
    }

    /**
     * The outputs' row of every backend after the first: the blocks predicted by every network in turn, each
     * block judged before the next is read, its rows numbered after those of the blocks before it.
     */
    private static List<Row> outputs(List<Runs> runs, ComparedRows data, double tolerance) {
        List<WorstDifference> worst = new ArrayList<>();
        for (int b = 1; b < runs.size(); b++) {
            worst.add(new WorstDifference(tolerance));
        }
        long firstRow = 0;
        for (int index = 0; index < data.blockCount(); index++) {
            DataSet block = data.block(index);
            Measured expected = runs.get(0).outputs(block, firstRow);
            for (int b = 1; b < runs.size(); b++) {
                Measured actual = runs.get(b).outputs(block, firstRow);
                worst.get(b - 1).add(actual.unperturbed(), expected.unperturbed(), Measured.spread(expected, actual));
            }
            firstRow += block.rows();
        }
        List<Row> rows = new ArrayList<>();
        for (int b = 1; b < runs.size(); b++) {
            rows.add(worst.get(b - 1).row(runs.get(b).backend(), "outputs"));
        }
        return rows;
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

    /**
     * The parameters of each perturbed run, drawn from a seed of the parameters: every backend runs from the
     * same ones, so that a backend's spread does not depend on the backends it is compared with.
     */
    private static List<Parameters> perturbations(Parameters parameters) {
        Random random = new Random(parameters.hashCode());
        List<Parameters> perturbed = new ArrayList<>();
        for (int p = 0; p < PERTURBATIONS; p++) {
            perturbed.add(perturb(parameters, random));
        }
        return perturbed;
    }

    /** One backend's networks: from the parameters as given, and from each perturbation of them. */
    private record Runs(String backend, Network unperturbed, List<Network> perturbed) {
        static Runs create(Backend backend, NetworkSpec spec, Parameters parameters, List<Parameters> perturbations) {
            Network unperturbed = backend.create(spec, parameters);
            List<Network> perturbed = new ArrayList<>();
            for (Parameters p : perturbations) {
                perturbed.add(backend.create(spec, p));
            }
            return new Runs(backend.name(), unperturbed, perturbed);
        }

        /** Every network's outputs on {@code block}, whose first row is row {@code firstRow} of all the rows. */
        Measured outputs(DataSet block, long firstRow) {
            List<Values> runs = new ArrayList<>();
            for (Network network : perturbed) {
                runs.add(Values.ofOutputs(network.predict(block), firstRow));
            }
            return new Measured(Values.ofOutputs(unperturbed.predict(block), firstRow), runs);
        }

        /** Every network's loss, gradients and, when {@code training} is given, parameters after training on it. */
        Results results(ComparedRows data, TrainingOptions training) {
            Result center = Result.of(unperturbed, data, training);
            List<Result> runs = new ArrayList<>();
            for (Network network : perturbed) {
                runs.add(Result.of(network, data, training));
            }
            return new Results(Measured.of(center, runs, Result::loss), Measured.of(center, runs, Result::gradients),
                    training == null ? null : Measured.of(center, runs, Result::trained), center.gradientValues(),
                    center.trainedValues());
        }
    }

    /** What one network gives over all the rows, flattened per kind, with the gradients and trained parameters as they came. */
    private record Result(Values loss, Values gradients, Values trained, Parameters gradientValues,
                          Parameters trainedValues) {
        /** The loss and the gradients first: training changes the parameters they are taken at. */
        static Result of(Network network, ComparedRows data, TrainingOptions training) {
            Values loss = Values.ofLoss(data.loss(network));
            Parameters gradientValues = data.gradients(network);
            Parameters trainedValues = null;
            if (training != null) {
                data.fit(network, training);
                trainedValues = network.parameters();
            }
            return new Result(loss, Values.ofParameters(gradientValues),
                    trainedValues == null ? null : Values.ofParameters(trainedValues), gradientValues, trainedValues);
        }
    }

    /** One backend's loss, gradients and trained parameters, each with its perturbed runs'. */
    private record Results(Measured loss, Measured gradients, Measured trained, Parameters gradientValues,
                           Parameters trainedValues) {
    }

    /** One kind of value of one backend, from its unperturbed network and from each perturbed one. */
    private record Measured(Values unperturbed, List<Values> perturbed) {
        static Measured of(Result center, List<Result> runs, Function<Result, Values> kind) {
            return new Measured(kind.apply(center), runs.stream().map(kind).toList());
        }

        /**
         * The largest distance of any perturbed run's value from its own backend's unperturbed value, per
         * value, over both backends.
         */
        static double[] spread(Measured baseline, Measured backend) {
            // Each backend's rounding shows in its own perturbed runs, each measured from its own result.
            double[] spread = new double[baseline.unperturbed().size()];
            baseline.widen(spread);
            backend.widen(spread);
            return spread;
        }

        private void widen(double[] spread) {
            for (Values run : perturbed) {
                for (int i = 0; i < spread.length; i++) {
                    spread[i] = Math.max(spread[i], Math.abs(run.value(i) - unperturbed.value(i)));
                }
            }
        }
    }

    private static Row judge(String backend, String kind, Measured actual, Measured expected, double tolerance) {
        WorstDifference worst = new WorstDifference(tolerance);
        worst.add(actual.unperturbed(), expected.unperturbed(), Measured.spread(expected, actual));
        return worst.row(backend, kind);
    }

    /**
     * The value of one kind that came closest to (or went furthest past) what it is allowed, among values
     * judged a block at a time: the first of equals, so that values judged in blocks give the row the same
     * values judged at once give.
     */
    private static final class WorstDifference {
        private final double tolerance;
        private double worstRatio = -1;
        private double worst = 0;
        private double allowedAtWorst;
        private String where = "";

        WorstDifference(double tolerance) {
            this.tolerance = tolerance;
            this.allowedAtWorst = tolerance;
        }

        void add(Values actual, Values expected, double[] spread) {
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
        }

        Row row(String backend, String kind) {
            return new Row(backend, kind, worst, where, allowedAtWorst);
        }
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
        /** Outputs whose first row is row {@code firstRow} of all the rows, each placed by its number among them. */
        static Values ofOutputs(double[][] outputs, long firstRow) {
            int width = outputs.length == 0 ? 0 : outputs[0].length;
            double[] values = new double[outputs.length * width];
            String[] places = new String[values.length];
            for (int r = 0; r < outputs.length; r++) {
                for (int k = 0; k < width; k++) {
                    values[r * width + k] = outputs[r][k];
                    places[r * width + k] = "row " + (firstRow + r) + ", output " + k;
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
