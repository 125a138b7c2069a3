package io.backprop.cli;

import io.backprop.Network;
import io.backprop.model.Model;
import io.backprop.error.BackendException;
import io.backprop.train.TrainingOptions;
import io.backprop.train.TrainingResult;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code train --spark}'s way to the spark module's {@code SparkTraining.fitOnce}, reached by name:
 * the module (Spark is about 0.5 GB of jars) is on the command's class path only when the launcher
 * is given {@code --spark}, so the CLI cannot link to it at build time.
 */
final class SparkBridge {
    static final String CLASS = "io.backprop.spark.SparkTraining";

    private SparkBridge() {
    }

    /**
     * Trains {@code network} on Spark on the CSV rows Spark reads from {@code path} (the driver holds
     * none); the settings left null take the spark module's defaults. {@code onRead} is given the model
     * with the classes and standardization used, and the count of rows, before the first epoch.
     */
    static TrainingResult fit(String master, Integer workers, Integer batchPerWorker, Integer averagingFrequency,
                              Network network, String path, List<String> features, List<String> targets, Model model,
                              boolean standardize, TrainingOptions options, BiConsumer<Model, Long> onRead) {
        MethodHandle fit;
        try {
            Class<?> training = Class.forName(CLASS, true, SparkBridge.class.getClassLoader());
            fit = MethodHandles.publicLookup().findStatic(training, "fitOnce", MethodType.methodType(
                    TrainingResult.class, String.class, Integer.class, Integer.class, Integer.class, Network.class,
                    String.class, List.class, List.class, Model.class, boolean.class, TrainingOptions.class,
                    BiConsumer.class));
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new BackendException("--spark: found no spark module on the class path (" + e.getMessage()
                    + "); expected its jars, which ./backprop adds when spark/target/lib exists: build them with"
                    + " `mvn -B -q -DskipTests -pl spark -am package` (about 0.5 GB of jars downloaded once)");
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new BackendException("--spark: the spark module on the class path has no " + CLASS
                    + ".fitOnce of this version (" + e + "); expected the module built from this checkout");
        }
        try {
            return (TrainingResult) fit.invoke(master, workers, batchPerWorker, averagingFrequency, network, path,
                    features, targets, model, standardize, options, onRead);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // Scala's checked exceptions are thrown undeclared; the spark module turns Spark's into its own.
            throw new BackendException("--spark: " + e, e);
        }
    }
}
