package io.backprop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the command is doing now, in words, so that running out of memory can be reported as one
 * line naming what was too large ("reading the data file big.csv (2.1 GB)") rather than as a stack trace.
 */
final class CurrentWork {
    private static volatile String now = "starting";

    private CurrentWork() {
    }

    /** Says what the command does from now on. */
    static void is(String work) {
        now = work;
    }

    /** What the command was doing last. */
    static String now() {
        return now;
    }

    /** {@code verb} a file, with its size when it has one: {@code reading the model file m.json (4.4 MB)}. */
    static void isReading(String what, Path file) {
        String size = "";
        try {
            if (Files.isRegularFile(file)) {
                size = " (" + bytes(Files.size(file)) + ")";
            }
        } catch (java.io.IOException | SecurityException e) {
            // the size is a courtesy; reading reports its own errors
        }
        is("reading the " + what + " " + file + size);
    }

    /** A size for people, in the binary units {@code -Xmx} takes: {@code 512 MiB}, {@code 4.2 MiB}, {@code 870 bytes}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
