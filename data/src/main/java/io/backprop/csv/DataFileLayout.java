package io.backprop.csv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Where the parts of a {@link DataFile} lie: the 8-byte magic {@code BPDATA01}, the header's length L as
 * a 4-byte little-endian number, L bytes of JSON header, zero bytes up to the next multiple of 8, and
 * the values.
 */
final class DataFileLayout {
    /** The first bytes of every file of this format; the last two are its version. */
    static final byte[] MAGIC = "BPDATA01".getBytes(StandardCharsets.US_ASCII);
    /** The magic without its version: a file that starts so is a data file, of some version. */
    static final int FAMILY = 6;
    /** The magic and the header's length. */
    static final int PRELUDE = 12;
    /** The longest header read, in bytes: far more than the names of a million columns take. */
    static final int MAX_HEADER = 1 << 28;

    private DataFileLayout() {
    }

    /** Where the values start after a header of {@code headerLength} bytes: aligned to 8 bytes, as doubles are. */
    static long dataOffset(long headerLength) {
        return (PRELUDE + headerLength + 7) & ~7L;
    }

    /** Everything before the values: the magic, the header's length, the header and the padding. */
    static byte[] prelude(DataFileHeader header) {
        byte[] json = header.toJson();
        ByteBuffer bytes = ByteBuffer.allocate((int) dataOffset(json.length)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putInt(json.length).put(json);
        return bytes.array();
    }
}
