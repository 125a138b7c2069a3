package io.backprop.dl4j;

import io.backprop.error.Excerpt;
import io.backprop.error.ModelFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A DL4J model zip opened for import: only the entries {@code ModelSerializer} writes for a
 * {@code MultiLayerNetwork} with its parameters and perhaps its normalizer, and Backprop's class
 * names, each at most once; anything else is refused, naming the entry, before a byte of any entry
 * is read.
 *
 * <p>Only the central directory is consulted ({@link ZipFile}), and nothing of the zip reaches DL4J:
 * the configuration goes to DL4J as checked text, the parameters and the normalizer are parsed here.
 */
final class Dl4jZip implements AutoCloseable {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    /** DL4J's own place for the inputs' scaling ({@code ModelSerializer.writeModel(..., normalizer)}). */
    static final String NORMALIZER = "normalizer.bin";
    /** Backprop's class names: DL4J has no place for them, and reads only the entries it knows. */
    static final String CLASSES = "backprop/classes.json";
    /** A model zip has two to five entries; a zip of thousands is refused before they are looked at. */
    static final int MAX_ENTRIES = 16;
    /**
     * The most bytes deflate can produce from one compressed byte (258-byte matches coded in about
     * two bits each; zlib's figure is 1032:1). Nothing larger can be in an entry of a given size.
     */
    static final long MAX_INFLATION = 1032;

    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("^([A-Za-z_$][A-Za-z0-9_$]*\\.)+[A-Za-z0-9_$]*(Exception|Error)(: |$)");

    private static final String EXPECTED_ENTRIES = "expected only " + CONFIGURATION + ", " + COEFFICIENTS
            + ", " + UPDATER_STATE + ", " + NORMALIZER + " and " + CLASSES;

    private final Path file;
    private final ZipFile zip;
    private final long fileSize;
    private ZipEntry configuration;
    private ZipEntry coefficients;
    private ZipEntry normalizer;
    private ZipEntry updaterState;
    private ZipEntry classes;

    private Dl4jZip(Path file, ZipFile zip, long fileSize) {
        this.file = file;
        this.zip = zip;
        this.fileSize = fileSize;
    }

    /**
     * Opens {@code file} and checks its entries.
     *
     * @throws ModelFileException when it is not a zip, or holds an entry that is refused, a required one twice or not at all
     */
    static Dl4jZip open(Path file) {
        if (!Files.exists(file)) {
            throw new ModelFileException(file + ": no such file; expected a DL4J model zip");
        }
        if (!Files.isRegularFile(file)) {
            // a zip is read from its end, so it must be a file: not a directory, a FIFO or a device
            throw new ModelFileException(file + ": " + (Files.isDirectory(file) ? "a directory" : "not a regular file")
                    + "; expected a DL4J model zip, a regular file");
        }
        ZipFile zip;
        long size;
        try {
            size = Files.size(file);
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new ModelFileException(file + ": not a DL4J MultiLayerNetwork zip (" + reason(e)
                    + "); expected a file written by ModelSerializer", e);
        }
        Dl4jZip opened = new Dl4jZip(file, zip, size);
        try {
            opened.checkEntries();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private void checkEntries() {
        if (zip.size() > MAX_ENTRIES) {
            throw error("holds " + zip.size() + " entries; expected at most " + MAX_ENTRIES + " (a MultiLayerNetwork"
                    + " zip has " + CONFIGURATION + ", " + COEFFICIENTS + " and perhaps " + UPDATER_STATE + ", "
                    + NORMALIZER + " and " + CLASSES + ")");
        }
        Set<String> seen = new HashSet<>();
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            refuseUnlessAllowed(name);
            // ZipFile finds an entry's data by name, so a second entry of the same name could be read
            // in place of the one checked.
            if (!seen.add(name)) {
                throw error(name, "appears twice; expected each entry once");
            }
            if (name.equals(CONFIGURATION)) {
                configuration = entry;
            } else if (name.equals(COEFFICIENTS)) {
                coefficients = entry;
            } else if (name.equals(NORMALIZER)) {
                normalizer = entry;
            } else if (name.equals(UPDATER_STATE)) {
                updaterState = entry;
            } else if (name.equals(CLASSES)) {
                classes = entry;
            }
        }
        for (String required : new String[] {CONFIGURATION, COEFFICIENTS}) {
            if (!seen.contains(required)) {
                throw error("has no " + required + "; expected a MultiLayerNetwork zip written by ModelSerializer, with "
                        + CONFIGURATION + " and " + COEFFICIENTS);
            }
        }
    }

    private void refuseUnlessAllowed(String name) {
        switch (name) {
            case CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NORMALIZER, CLASSES -> {
                return;
            }
            case "preprocessor.bin" -> throw error(name, "refused: DL4J reads it with Java deserialization, which runs"
                    + " code chosen by the file, and Backprop never deserializes a Java object; " + EXPECTED_ENTRIES);
            case "noParams.marker" -> throw error(name, "the zip holds a configuration without parameters; expected a"
                    + " model with weights");
            default -> {
                // ModelSerializer.addObjectToFile stores Java-serialized objects under objects/.
                if (name.startsWith("objects/")) {
                    throw error(Excerpt.quote(name), "a Java-serialized object (ModelSerializer.addObjectToFile), and"
                            + " Backprop never deserializes a Java object; " + EXPECTED_ENTRIES);
                }
                throw error("entry " + Excerpt.quote(name) + " is not part of a MultiLayerNetwork zip; " + EXPECTED_ENTRIES);
            }
        }
    }

    ZipEntry configuration() {
        return configuration;
    }

    ZipEntry coefficients() {
        return coefficients;
    }

    /** normalizer.bin, or empty when the zip has none. */
    Optional<ZipEntry> normalizer() {
        return Optional.ofNullable(normalizer);
    }

    /** updaterState.bin, or empty when the zip has none. */
    Optional<ZipEntry> updaterState() {
        return Optional.ofNullable(updaterState);
    }

    /** backprop/classes.json, or empty when the zip has none. */
    Optional<ZipEntry> classes() {
        return Optional.ofNullable(classes);
    }

    /**
     * {@code entry} as strict UTF-8 text of at most {@code maxBytes} bytes, inflating no more than
     * those and one; {@code limit} says the limit in words, such as {@code "4 MiB"}, and {@code expected}
     * what the text should be, such as {@code "the JSON ModelSerializer writes"}.
     */
    String utf8(ZipEntry entry, int maxBytes, String limit, String expected) {
        String name = entry.getName();
        if (entry.getSize() > maxBytes) {
            throw error(name, "declares " + entry.getSize() + " bytes; expected at most " + maxBytes + " (" + limit + ")");
        }
        byte[] bytes;
        try (LimitedInputStream in = open(entry, maxBytes)) {
            bytes = in.readAllBytes();
            if (bytes.length == maxBytes && !in.atEnd()) {
                throw error(name, "holds more than " + maxBytes + " bytes; expected at most " + limit);
            }
        } catch (IOException e) {
            throw unreadable(name, e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(name, "not UTF-8 text; expected " + expected);
        }
    }

    /**
     * The most bytes {@code entry} can hold, whatever its header declares: its compressed bytes (no
     * more than the file has) times what deflate can expand them to.
     */
    long maxInflatedBytes(ZipEntry entry) {
        long compressed = entry.getCompressedSize() < 0 ? fileSize : Math.min(entry.getCompressedSize(), fileSize);
        if (entry.getMethod() == ZipEntry.STORED) {
            return compressed;
        }
        return compressed > Long.MAX_VALUE / MAX_INFLATION ? Long.MAX_VALUE : compressed * MAX_INFLATION;
    }

    /** {@code entry}'s bytes, of which at most {@code limit} are ever inflated (and one more to see whether it ends). */
    LimitedInputStream open(ZipEntry entry, long limit) {
        try {
            return new LimitedInputStream(zip.getInputStream(entry), limit);
        } catch (IOException e) {
            throw unreadable(entry.getName(), e);
        }
    }

    /** An error about the zip as a whole. */
    ModelFileException error(String message) {
        return new ModelFileException(file + ": " + message);
    }

    /** An error about one entry (or JSON field, such as {@code "configuration.json: confs[0]"}). */
    ModelFileException error(String entry, String message) {
        return new ModelFileException(file + ": " + entry + ": " + message);
    }

    /** An entry whose bytes cannot be inflated: a corrupt or truncated zip. */
    ModelFileException unreadable(String entry, IOException e) {
        return new ModelFileException(file + ": " + entry + ": cannot be read (" + reason(e)
                + "); expected an intact zip written by ModelSerializer", e);
    }

    /** What went wrong, in the words of the exception but never its class name, on one line. */
    static String reason(Throwable e) {
        return summary(e.getMessage());
    }

    /** The first line of {@code message}, cut to {@value Excerpt#MAX_QUOTED} characters, since it may quote the file. */
    static String summary(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("").strip();
        // A wrapping exception's message is its cause's toString(), which starts with a class name.
        line = EXCEPTION_NAME.matcher(line).replaceFirst("");
        if (line.isEmpty()) {
            return "the data is corrupt";
        }
        return line.length() > Excerpt.MAX_QUOTED ? line.substring(0, Excerpt.MAX_QUOTED) + "…" : line;
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // Only read from: nothing is lost.
        }
    }
}
