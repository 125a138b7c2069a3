package io.backprop.cli;

import io.backprop.csv.CsvBlocks;
import io.backprop.error.Excerpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --stream}, {@code --no-stream} and {@code --block-size}: whether --data is read whole or a block at a time. */
final class BlockReading {
    /**
     * Files larger than this share of the heap are read a block at a time: held whole, a CSV file takes its
     * size as text while it is parsed and its values as float64 beside it, and the command needs room for
     * the network and its work besides.
     */
    static final int HEAP_SHARE = 8;

    @Option(names = "--stream", negatable = true,
            description = "Read --data a block at a time (--block-size of it each), never holding it whole: for files "
                    + "larger than memory. Without --stream or --no-stream, a file larger than an eighth of the heap "
                    + "is read so and a smaller one whole.")
    Boolean stream;

    @Option(names = "--block-size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "How much of --data each block holds when it is read a block at a time, such as 16m or "
                    + "512k (default: 16m). Larger blocks take more memory; the shuffled order depends on them.")
    long blockBytes = CsvBlocks.DEFAULT_BLOCK_BYTES;

    /** Whether {@code data} is read a block at a time: when --stream asks, or the file is too large to hold whole. */
    boolean inBlocks(Path data) {
        return stream != null ? stream : sizeOf(data) > Runtime.getRuntime().maxMemory() / HEAP_SHARE;
    }

    /** Why {@code data} is read a block at a time, for messages. */
    String why(Path data) {
        return Boolean.TRUE.equals(stream) ? "--stream" : String.format(Locale.ROOT,
                "%,d MB, more than an eighth of the heap's %,d MB", sizeOf(data) / 1_000_000,
                Runtime.getRuntime().maxMemory() / 1_000_000);
    }

    private static long sizeOf(Path data) {
        try {
            return Files.size(data);
        } catch (IOException e) {
            return 0; // reading it will say what is wrong with it
        }
    }

    /** Parses a size such as {@code 16m}, {@code 512k} or {@code 1g}, or a number of bytes. */
    static final class ByteSizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)([0-9]{1,12})([kmg]?)").matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("found " + Excerpt.quote(value) + "; expected a size such as 16m,"
                        + " 512k or 1g");
            }
            long size = Long.parseLong(m.group(1)) << switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            if (size < 1 || size > (1L << 30)) {
                throw new TypeConversionException("found " + Excerpt.quote(value) + "; expected a size from 1 byte"
                        + " to 1g");
            }
            return size;
        }
    }

}
