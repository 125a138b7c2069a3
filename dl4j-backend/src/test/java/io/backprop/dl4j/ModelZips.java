package io.backprop.dl4j;

import io.backprop.model.Model;
import io.backprop.params.Initializer;
import io.backprop.spec.NetworkSpec;
import io.backprop.teaching.Article;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Model zips for tests: real ones from ModelSerializer, and hostile ones made from their entries. */
final class ModelZips {
    /** The article's shape: 2 inputs, 2 sigmoid, 1 sigmoid, mse; 9 weights and biases. */
    static final NetworkSpec SPEC = Article.NETWORK;

    private ModelZips() {
    }

    /** The entries ModelSerializer writes for {@link #SPEC}, in its order. */
    static Map<String, byte[]> exported(Path dir) {
        Path file = dir.resolve("exported-" + System.nanoTime() + ".zip");
        new Dl4jModelFile().write(Model.of(SPEC, Initializer.STANDARD_NORMAL.initialize(SPEC, 3)), file);
        try {
            return entries(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path dir, String name, byte[] zip) {
        try {
            return Files.write(dir.resolve(name), zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, Map<String, byte[]> entries) {
        return write(dir, name, zip(entries));
    }

    /** {@code entries} with {@code name} set to {@code content}, keeping the order. */
    static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(name, content);
        return changed;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code zip} with the uncompressed size its central directory declares for {@code name} set
     * to {@code size}, as a hostile file would (the bytes stay as they are).
     */
    static byte[] withDeclaredSize(byte[] zip, String name, long size) {
        byte[] changed = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(changed).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = utf8(name);
        for (int at = 0; at + 46 <= changed.length; at++) {
            if (buffer.getInt(at) != 0x02014b50) {
                continue;
            }
            int nameLength = Short.toUnsignedInt(buffer.getShort(at + 28));
            if (nameLength == wanted.length
                    && ByteBuffer.wrap(changed, at + 46, nameLength).equals(ByteBuffer.wrap(wanted))) {
                buffer.putInt(at + 24, (int) size);
                return changed;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }

    /** A zip whose one entry {@code name} is {@code prefix} then {@code zeros} zero bytes, deflated at the best ratio. */
    static void writeBomb(Path file, Map<String, byte[]> others, String name, byte[] prefix, long zeros) {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(raw)) {
            out.setLevel(9);
            for (Map.Entry<String, byte[]> entry : others.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getKey().equals(name)) {
                    out.write(prefix);
                    byte[] chunk = new byte[1 << 20];
                    for (long left = zeros; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                } else {
                    out.write(entry.getValue());
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ND4J data buffer as {@code DataBuffer.write} writes it: header, then the values. */
    static void buffer(DataOutputStream out, String mode, long length, String type, byte[] values) throws IOException {
        out.writeUTF(mode);
        out.writeLong(length);
        out.writeUTF(type);
        out.write(values);
    }

    /** A coefficients.bin of a vector of {@code count} values, declaring {@code declared} of them, holding {@code values}. */
    static byte[] coefficients(long shapeLength, long declared, double... values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ByteBuffer shape = ByteBuffer.allocate(6 * 8);
            for (long value : new long[] {1, shapeLength, 1, 0x4000, 1, 'c'}) {
                shape.putLong(value);
            }
            buffer(out, "MIXED_DATA_TYPES", 6, "LONG", shape.array());
            ByteBuffer data = ByteBuffer.allocate(values.length * 8);
            for (double value : values) {
                data.putDouble(value);
            }
            buffer(out, "MIXED_DATA_TYPES", declared, "DOUBLE", data.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Nine parameters, as for {@link #SPEC}. */
    static double[] nine() {
        return new double[] {0.1, -0.7, 1.3, 0.25, 0.5, -1.5, 2.5, -3.125, 0.75};
    }
}
