package io.backprop.dl4j;

import io.backprop.Network;
import io.backprop.model.Standardization;
import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import io.backprop.error.TrainingException;
import io.backprop.optimizer.Optimizer;
import io.backprop.optimizer.TrainingState;
import io.backprop.train.TrainingOptions;
import io.backprop.model.Model;
import io.backprop.model.SavedTraining;
import io.backprop.params.Parameters;
import io.backprop.spec.Activation;
import io.backprop.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The way out to plain DL4J and back: a Backprop network as a {@link MultiLayerNetwork} the user
 * owns, a {@code MultiLayerNetwork} of dense layers and an output layer as a Backprop model, and
 * a DL4J model zip, from anyone, as a Backprop model.
 *
 * <pre>{@code
 * MultiLayerNetwork mine = Dl4jModels.toMultiLayerNetwork(network);  // any backend's network
 * MultiLayerNetwork going = Dl4jModels.toMultiLayerNetwork(network, options);  // with its updater and state
 * Model back = Dl4jModels.fromMultiLayerNetwork(mine);
 * Model theirs = Dl4jModels.read(Path.of("model.zip"));            // a ModelSerializer zip
 * NormalizerStandardize scaling = Dl4jModels.toNormalizer(model.standardization().orElseThrow());
 * }</pre>
 */
public final class Dl4jModels {
    private Dl4jModels() {
    }

    /** A new, independent {@link MultiLayerNetwork} holding {@code network}'s spec and current parameters. */
    public static MultiLayerNetwork toMultiLayerNetwork(Network network) {
        return toMultiLayerNetwork(network.spec(), network.parameters());
    }

    /**
     * A new, independent {@link MultiLayerNetwork} holding {@code network}'s spec, current parameters
     * and where its training stands, so that DL4J's own {@code fit} goes on as {@code network.fit} with
     * {@code options} would: DL4J's updater for the options' optimizer and learning-rate schedule, L2
     * and weight decay per layer, the network's optimizer state (its initial state when the options
     * name another kind of optimizer, as {@code fit} would start it) and its iteration and epoch
     * counts. {@code ModelSerializer.writeModel(net, file, true)} keeps all of it. Otherwise as
     * {@link #toMultiLayerNetwork(Network)}: DL4J's own classes only.
     *
     * <p>DL4J's {@code fit(features, labels)} counts iterations but not epochs; a schedule by epoch
     * needs {@code incrementEpochCount()} after each epoch, as {@code fit(DataSetIterator)} does.
     */
    public static MultiLayerNetwork toMultiLayerNetwork(Network network, TrainingOptions options) {
        return toMultiLayerNetwork(network.spec(), network.parameters(), network.trainingState(), options);
    }

    /** {@link #toMultiLayerNetwork(Network, TrainingOptions)} of a network of {@code spec} with these parameters and state. */
    static MultiLayerNetwork toMultiLayerNetwork(NetworkSpec spec, Parameters parameters, TrainingState state,
                                                 TrainingOptions options) {
        state.checkFits(spec);
        if (state.optimizer().getClass() != options.optimizer().getClass()) {
            state = TrainingState.starting(options.optimizer(), spec, state.iteration(), state.epoch());
        }
        if (state.iteration() > Integer.MAX_VALUE) {
            throw new TrainingException("training state: found iteration " + state.iteration()
                    + "; DL4J counts iterations in an int, so expected at most " + Integer.MAX_VALUE);
        }
        MultiLayerNetwork exported = toMultiLayerNetwork(spec, parameters);
        Dl4jOptimizers.configure(exported, options.optimizer(), options.learningRate(), options.schedule(),
                options.regularization());
        UpdaterState.write(spec, exported, state.state());
        exported.setIterationCount((int) state.iteration());
        exported.setEpochCount(state.epoch());
        return exported;
    }

    /**
     * Where a {@link MultiLayerNetwork}'s training stands, as the API's {@link TrainingState}: the
     * optimizer its updater is, the updater's state in the layout of {@code spec}'s parameters, and
     * its iteration and epoch counts, so that {@code network.setTrainingState} goes on from there. The
     * way back from {@link #toMultiLayerNetwork(Network, TrainingOptions)}, for instance after
     * {@code ModelSerializer.restoreMultiLayerNetwork(file, true)}.
     *
     * @throws TrainingException when the layers' updaters differ, or one is not DL4J's {@code Sgd},
     *     {@code Nesterovs} (without a momentum schedule), {@code Adam}, {@code RmsProp} or {@code AdaGrad}
     * @throws SpecException when the network's parameter count is not {@code spec}'s
     */
    public static TrainingState trainingState(MultiLayerNetwork network, NetworkSpec spec) {
        if (network.numParams() != spec.parameterCount()) {
            throw new SpecException("the network has " + network.numParams() + " parameters; the spec has "
                    + spec.parameterCount() + " weights and biases");
        }
        Optimizer optimizer = null;
        for (int l = 0; l < network.getnLayers(); l++) {
            BaseLayer layer = (BaseLayer) network.getLayer(l).conf().getLayer();
            for (IUpdater updater : new IUpdater[] {layer.getIUpdater(), layer.getBiasUpdater()}) {
                Optimizer found = updater == null ? optimizer : Dl4jOptimizers.optimizer(updater, l);
                if (optimizer != null && !optimizer.equals(found)) {
                    throw new TrainingException("layer " + l + ": found the updater " + found + "; expected "
                            + optimizer + ", the one of the layers before (the API has one optimizer per network)");
                }
                optimizer = found;
            }
        }
        if (optimizer == null) {
            throw new TrainingException("the network: found no layer with an updater; expected one on every layer");
        }
        return new TrainingState(optimizer, network.getIterationCount(), network.getEpochCount(),
                UpdaterState.read(spec, network, optimizer.stateNames().size()));
    }

    /**
     * A new {@link MultiLayerNetwork} of {@code spec} with {@code parameters}, in float64, built from
     * DL4J's own classes only: dense layers, an output layer, the {@code Sgd} updater, and DL4J's
     * losses ({@code LossMSE}, {@code LossL2}, {@code LossMCXENT} or {@code LossBinaryXENT}).
     */
    public static MultiLayerNetwork toMultiLayerNetwork(NetworkSpec spec, Parameters parameters) {
        parameters.checkFits(spec);
        Nd4jRuntime.start();
        MultiLayerNetwork network = new MultiLayerNetwork(Dl4jConfiguration.plain(spec));
        network.init();
        double[] flat = ParameterLayout.flatten(spec, parameters);
        try (INDArray values = Nd4j.create(flat, new long[] {1, flat.length}, 'c')) {
            network.setParams(values);
        }
        return network;
    }

    /**
     * The Backprop model of a {@link MultiLayerNetwork} whose layers are {@link DenseLayer}s followed by
     * one {@link OutputLayer}, with the activations and losses Backprop supports; parameters of
     * another data type are widened to float64. Whatever would make DL4J compute other outputs,
     * another loss or other gradients (layer normalisation, dropout, weight noise, constraints,
     * gradient normalization, input preprocessors, loss weights or clipping, an updater the API has no
     * optimizer for, L1, or updaters and regularization that differ between layers) is refused, not
     * dropped. The updater, learning rate, schedule, regularization, state and counts, unless every
     * updater is {@code Sgd} or {@code NoOp} with neither regularization nor steps taken, come back as
     * the model's training entry.
     *
     * @throws SpecException naming the first layer, activation, loss or setting that Backprop cannot represent
     */
    public static Model fromMultiLayerNetwork(MultiLayerNetwork network) {
        INDArray params = network.params();
        Model model;
        try (INDArray doubles = params.dataType() == DataType.DOUBLE ? params.dup() : params.castTo(DataType.DOUBLE)) {
            model = fromConfiguration(network.getLayerWiseConfigurations(), doubles.toDoubleVector());
        }
        Optional<Dl4jTraining.Settings> settings = Dl4jTraining.of(network.getLayerWiseConfigurations());
        if (settings.isEmpty()) {
            return model;
        }
        Dl4jTraining.Settings found = settings.get();
        TrainingState state = trainingState(network, model.spec());
        return model.withTraining(Optional.of(new SavedTraining(state, found.learningRate(), found.schedule(),
                found.regularization())));
    }

    /**
     * The Backprop model of DL4J's {@code configuration} with its flat parameter vector, in DL4J's
     * order ({@code W} of each layer in column-major order, then its {@code b}).
     *
     * @throws SpecException naming what Backprop cannot represent, or when {@code parameters} is not the configuration's count
     */
    static Model fromConfiguration(MultiLayerConfiguration configuration, double[] parameters) {
        NetworkSpec spec = Dl4jSpec.of(configuration);
        if (parameters.length != spec.parameterCount()) {
            throw new SpecException("the network has " + parameters.length + " parameters; its configuration has "
                    + spec.parameterCount() + " weights and biases");
        }
        return Model.of(spec, ParameterLayout.unflatten(spec, parameters, 1.0));
    }

    /**
     * The Backprop model in a DL4J model zip, read without DL4J's {@code ModelSerializer}, and safe
     * to use on a file from anyone.
     *
     * <p>It reads {@code configuration.json}: at most 4 MiB of UTF-8 JSON, in which every class name
     * (a layer's {@code "@class"}, for instance) must be of {@code org.deeplearning4j}, {@code org.nd4j}
     * or this backend before DL4J parses it. It reads {@code coefficients.bin} itself: its headers are
     * checked against the parameter count of the configuration before anything that size is
     * allocated, and no more of it is inflated than those parameters take. When the configuration has
     * training settings the API can express (one updater of {@code Sgd}, {@code Nesterovs}, {@code Adam},
     * {@code RmsProp} or {@code AdaGrad} on every layer, with its learning rate and schedule; the same
     * L2 and weight decay on every layer; or steps already taken), the model has a training entry
     * ({@link Model#training()}) with them and the counts, and the optimizer's state is read from
     * {@code updaterState.bin} as the parameters are: its headers are checked against the values the
     * updater keeps ({@code k} per parameter) before anything is allocated, and no more is inflated.
     * Without {@code updaterState.bin} a stateful updater starts afresh at those counts, as DL4J's
     * {@code restoreMultiLayerNetwork} starts it; {@code Sgd} has no state, and any
     * {@code updaterState.bin} beside it is not read. {@code normalizer.bin}, when there, gives the model's
     * standardization: it is parsed here, and only a {@code NormalizerStandardize} of the features,
     * with one mean and one std (at least 1e-5) per input, is taken; any other normalizer is refused,
     * naming it, rather than dropped. {@code backprop/classes.json}, Backprop's own entry, gives the
     * class names. Every other entry is refused, naming it: {@code preprocessor.bin} and
     * {@code objects/...} (Java-serialized objects) and {@code noParams.marker} (a model without
     * weights); so are a ComputationGraph, a zip of more than 16 entries, and every setting
     * {@link #fromMultiLayerNetwork} refuses.
     *
     * <p>No Java deserialization runs: nothing here creates an object stream, and as a second line
     * of defence {@link DeserializationGuard} rejects every class on the reading thread while it
     * reads (installed as the JVM's deserialization filter factory by the first read, when the JVM
     * still allows it; see there).
     *
     * @throws ModelFileException naming the file, the entry (and the JSON path or layer), what was found and what was expected
     */
    public static Model read(Path zip) {
        return DeserializationGuard.during(() -> readZip(zip));
    }

    private static Model readZip(Path file) {
        try (Dl4jZip zip = Dl4jZip.open(file)) {
            MultiLayerConfiguration configuration = ConfigurationJson.read(zip);
            Model model;
            Optional<Dl4jTraining.Settings> settings;
            double[] parameters;
            try {
                NetworkSpec spec = Dl4jSpec.of(configuration);
                settings = Dl4jTraining.of(configuration);
                parameters = Coefficients.read(zip, spec.parameterCount(), Runtime.getRuntime().maxMemory());
                model = fromConfiguration(configuration, parameters);
            } catch (SpecException e) {
                throw zip.error(Dl4jZip.CONFIGURATION, e.getMessage());
            }
            // Read after the parameters, whose checks bound the network's inputs and outputs.
            NetworkSpec spec = model.spec();
            if (settings.isPresent()) {
                model = model.withTraining(Optional.of(training(zip, configuration, spec, parameters, settings.get())));
            }
            return model
                    .withStandardization(zip.normalizer().map(entry -> NormalizerBin.read(zip, entry, spec.inputs())))
                    .withClasses(zip.classes().map(entry -> ClassesJson.read(zip, entry, spec)));
        }
    }

    /**
     * The training entry of a zip whose configuration has training settings. An updater without state
     * (Sgd) needs no updaterState.bin, and any there is not read. Without updaterState.bin, a stateful
     * updater starts from its initial state at the configuration's counts: that is what DL4J's own
     * {@code restoreMultiLayerNetwork} gives for the same zip, so a resumed import goes on as DL4J would.
     */
    private static SavedTraining training(Dl4jZip zip, MultiLayerConfiguration configuration, NetworkSpec spec,
                                          double[] parameters, Dl4jTraining.Settings settings) {
        Optimizer optimizer = settings.optimizer();
        TrainingState state;
        if (optimizer.stateNames().isEmpty() || zip.updaterState().isEmpty()) {
            state = TrainingState.starting(optimizer, spec, settings.iteration(), settings.epoch());
        } else {
            state = UpdaterStateBin.read(zip, zip.updaterState().get(), configuration, spec, parameters, optimizer,
                    settings.iteration(), settings.epoch(), Runtime.getRuntime().maxMemory());
        }
        return new SavedTraining(state, settings.learningRate(), settings.schedule(), settings.regularization());
    }

    /**
     * DL4J's normalizer for a Backprop standardization: a {@link NormalizerStandardize} with its mean
     * and standard deviation, which scales features as {@link Standardization#apply} does, bit for bit
     * ({@code (x − mean) / std}, the population std). {@code ModelSerializer.writeModel(network, stream,
     * saveUpdater, normalizer)} keeps it beside the network, and
     * {@code ModelSerializer.restoreMultiLayerNetworkAndNormalizer} gives it back.
     *
     * @throws SpecException when a std is below 1e-5: DL4J raises such a std to 1e-5 ({@code Nd4j.EPS_THRESHOLD}),
     *     so it would scale that feature otherwise
     */
    public static NormalizerStandardize toNormalizer(Standardization standardization) {
        return NormalizerBin.toNormalizer(standardization);
    }

    /**
     * The API's activation that DL4J's {@code activation} computes, or null when there is none. Classes
     * are matched exactly (DL4J's, and this backend's {@link ExactSlopes}, which change only how the
     * slopes are rounded), since a subclass may compute something else.
     */
    static Activation apiActivation(IActivation activation) {
        Class<?> type = activation.getClass();
        if (type == ActivationSigmoid.class || type == ExactSlopes.Sigmoid.class) {
            return Activation.SIGMOID;
        }
        if (type == ActivationTanH.class || type == ExactSlopes.Tanh.class) {
            return Activation.TANH;
        }
        if (type == ActivationIdentity.class) {
            return Activation.IDENTITY;
        }
        if (type == ActivationSoftmax.class || type == ExactSlopes.Softmax.class) {
            return Activation.SOFTMAX;
        }
        if (type == ActivationReLU.class && plainRelu((ActivationReLU) activation)) {
            return Activation.RELU;
        }
        return null;
    }

    private static boolean plainRelu(ActivationReLU relu) {
        return isZeroOrUnset(relu.getMax()) && isZeroOrUnset(relu.getThreshold())
                && isZeroOrUnset(relu.getNegativeSlope());
    }

    private static boolean isZeroOrUnset(Double value) {
        return value == null || value == 0.0;
    }
}
