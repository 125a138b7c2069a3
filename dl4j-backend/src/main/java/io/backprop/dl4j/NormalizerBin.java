package io.backprop.dl4j;

import static io.backprop.dl4j.Dl4jZip.NORMALIZER;

import io.backprop.model.Standardization;
import io.backprop.error.Excerpt;
import io.backprop.error.ModelFileException;
import io.backprop.error.SpecException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code normalizer.bin}: the scaling of a network's inputs where DL4J keeps it, beside the network
 * ({@code ModelSerializer.writeModel(network, stream, saveUpdater, normalizer)}), for the one kind
 * Backprop has: a {@link NormalizerStandardize}, {@code (x − mean) / std} for each input.
 *
 * <p>DL4J's {@code NormalizerSerializer} writes a header ({@code writeUTF("NORMALIZER")},
 * {@code writeInt(1)}, {@code writeUTF} of the normalizer's type), then
 * {@code StandardizeSerializerStrategy} a boolean (whether the labels are standardized too) and the
 * mean and the standard deviation as {@code Nd4j.write} arrays ({@link Nd4jVector}), then the
 * labels' two when they are. It is read here, never by DL4J, whose reader would load the class a
 * {@code CUSTOM} header names.
 *
 * <p>DL4J computes what {@link Standardization} computes: it fits the population standard
 * deviation ({@code var(false, 0)}) and scales with {@code subiRowVector(mean)} then
 * {@code diviRowVector(std)}, each value {@code (x − mean) / std} in the features' type. Two things
 * differ, and both are refused rather than changed: DL4J raises every std below
 * {@link #SMALLEST_STD} to it, in place, whenever it makes a {@code NormalizerStandardize} (it never
 * divides by 0: {@link Standardization#fit} uses 1 for a feature that never varies, which DL4J keeps);
 * and it may standardize the labels, which Backprop's model has no place for.
 */
final class NormalizerBin {
    /**
     * DL4J's {@code Nd4j.EPS_THRESHOLD} as 1.0.0-M2.1 sets it: {@code DistributionStats} raises a
     * std below it to it, so a smaller one would not be the std DL4J divides by.
     */
    static final double SMALLEST_STD = 1e-5;

    private static final String HEADER = "NORMALIZER";
    private static final int VERSION = 1;
    private static final String STANDARDIZE = "STANDARDIZE";
    /** NormalizerSerializer's other types, with the DL4J class each stands for, to name what is refused. */
    private static final Map<String, String> OTHER_TYPES = Map.of(
            "MIN_MAX", "NormalizerMinMaxScaler",
            "IMAGE_MIN_MAX", "ImagePreProcessingScaler",
            "IMAGE_VGG16", "VGG16ImagePreProcessor",
            "MULTI_STANDARDIZE", "MultiNormalizerStandardize",
            "MULTI_MIN_MAX", "MultiNormalizerMinMaxScaler",
            "MULTI_HYBRID", "MultiNormalizerHybrid");
    private static final String EXPECTED_TYPE = "expected STANDARDIZE (a NormalizerStandardize), the only scaling"
            + " Backprop has: (x − mean) / std for each input";
    /** The serializer's header and the strategy's flag; a CUSTOM header's class name may be longer, and is refused. */
    private static final int MAX_PREFIX_BYTES = 256;

    private final Dl4jZip zip;
    private final int inputs;

    private NormalizerBin(Dl4jZip zip, int inputs) {
        this.zip = zip;
        this.inputs = inputs;
    }

    /**
     * DL4J's normalizer for {@code standardization}: a {@link NormalizerStandardize} of its mean and
     * std as float64 row vectors, the shape DL4J's own {@code fit} gives them. The caller closes
     * {@link NormalizerStandardize#getMean()} and {@link NormalizerStandardize#getStd()}.
     *
     * @throws SpecException when a std is below {@value #SMALLEST_STD}, which DL4J would raise to it
     */
    static NormalizerStandardize toNormalizer(Standardization standardization) {
        double[] std = standardization.std();
        checkStd(std, "standardize.");
        Nd4jRuntime.start();
        int n = std.length;
        INDArray mean = Nd4j.create(standardization.mean(), new long[] {1, n}, 'c');
        return new NormalizerStandardize(mean, Nd4j.create(std, new long[] {1, n}, 'c'));
    }

    /**
     * The standardization in {@code zip}'s normalizer.bin, for a network of {@code inputs} inputs.
     *
     * @throws ModelFileException naming the entry, what it holds and what was expected
     */
    static Standardization read(Dl4jZip zip, ZipEntry entry, int inputs) {
        return new NormalizerBin(zip, inputs).read(entry);
    }

    private Standardization read(ZipEntry entry) {
        // The two vectors are no longer than the parameters already read (each input has a weight),
        // so the heap they take is bounded by the coefficients' own check.
        long largest = MAX_PREFIX_BYTES + 2 * (Coefficients.MAX_HEADER_BYTES + Nd4jVector.Type.DOUBLE.bytes * (long) inputs);
        if (entry.getSize() > largest) {
            throw error("declares " + entry.getSize() + " bytes; the mean and std of " + inputs + " inputs take at most "
                    + largest);
        }
        try (LimitedInputStream counted = zip.open(entry, largest)) {
            DataInputStream in = new DataInputStream(counted);
            readPrefix(in);
            double[] mean = readVector(in, counted, entry, "mean", "means");
            double[] std = readVector(in, counted, entry, "std", "standard deviations");
            if (!counted.atEnd()) {
                throw error("goes on after the mean and std of its " + inputs + " inputs; expected it to end there");
            }
            try {
                checkStd(std, "");
            } catch (SpecException e) {
                throw error(e.getMessage());
            }
            return Standardization.of(mean, std);
        } catch (EOFException e) {
            throw error("ends inside its headers; expected DL4J's NormalizerSerializer header, then the mean and std of "
                    + inputs + " inputs");
        } catch (UTFDataFormatException e) {
            throw error("holds a malformed name in its headers; expected DL4J's NormalizerSerializer header");
        } catch (IOException e) {
            throw zip.unreadable(NORMALIZER, e);
        }
    }

    /** NormalizerSerializer's header and the strategy's flag: a standardization of the features alone. */
    private void readPrefix(DataInputStream in) throws IOException {
        String header = in.readUTF();
        if (!header.equals(HEADER)) {
            throw error("starts with " + Excerpt.quote(header) + "; expected \"" + HEADER + "\", the header DL4J's"
                    + " NormalizerSerializer writes");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw error("version " + version + "; expected " + VERSION + ", the version DL4J's NormalizerSerializer"
                    + " writes");
        }
        String type = in.readUTF();
        if (type.equals("CUSTOM")) {
            // The class is never loaded: DL4J's own reader would instantiate it.
            throw error("a CUSTOM normalizer (its strategy class is never loaded); " + EXPECTED_TYPE);
        }
        if (OTHER_TYPES.containsKey(type)) {
            throw error("a " + type + " normalizer (" + OTHER_TYPES.get(type) + "); " + EXPECTED_TYPE);
        }
        if (!type.equals(STANDARDIZE)) {
            throw error("a normalizer of type " + Excerpt.quote(type) + "; " + EXPECTED_TYPE);
        }
        int fitLabel = in.readUnsignedByte();
        if (fitLabel == 1) {
            throw error("standardizes the labels too (fitLabel), and Backprop's model has no place for that: the"
                    + " network's outputs would be in standardized units; expected a NormalizerStandardize fitted"
                    + " on the features alone");
        }
        if (fitLabel != 0) {
            throw error("gives " + fitLabel + " for whether the labels are standardized; expected 0 or 1 (a boolean)");
        }
    }

    private double[] readVector(DataInputStream in, LimitedInputStream counted, ZipEntry entry, String name,
                                String what) throws IOException {
        Nd4jVector vector = new Nd4jVector(inputs, "the network has " + inputs + " input" + (inputs == 1 ? "" : "s"),
                "one per input", what, message -> error(name + ": " + message));
        Nd4jVector.Type type = vector.readHeaders(in);
        long total = counted.count() + (long) type.bytes * inputs;
        if (total > zip.maxInflatedBytes(entry)) {
            throw error(name + ": " + inputs + " " + type + " values take " + total + " bytes, more than its "
                    + entry.getCompressedSize() + " compressed bytes can hold; expected a complete " + NORMALIZER);
        }
        return vector.readValues(in, type);
    }

    /** Each std at least {@value #SMALLEST_STD}, the least DL4J divides by; {@code prefix} names where they are. */
    private static void checkStd(double[] std, String prefix) {
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] >= SMALLEST_STD)) {
                throw new SpecException(prefix + "std[" + c + "] (input " + (c + 1) + ") is " + std[c] + "; DL4J's"
                        + " NormalizerStandardize divides by no less than 1e-5 (it raises a smaller std to"
                        + " Nd4j.EPS_THRESHOLD), so DL4J would scale that input otherwise; expected every std at least"
                        + " 1e-5");
            }
        }
    }

    private ModelFileException error(String message) {
        return zip.error(NORMALIZER, message);
    }
}
