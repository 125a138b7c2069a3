package io.backprop.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Running out of memory as one line: what ran out (the Java heap, or the off-heap memory JavaCPP and
 * ND4J allocate for the dl4j backend), how much the limit was, and what to set for more. Which it was
 * is read from the error's message, the only place the JVM, JavaCPP and ND4J say it.
 */
final class OutOfMemory {
    /** JavaCPP's own limits: "... > maxBytes (536870912)", "... > maxPhysicalBytes (...)". */
    private static final Pattern JAVACPP_LIMIT = Pattern.compile("> (maxBytes|maxPhysicalBytes) \\((\\d+)\\)");
    /** ND4J's allocation that the machine refused: "Failed to allocate [N] bytes". */
    private static final Pattern ND4J_FAILED = Pattern.compile("Failed to allocate \\[(\\d+)] bytes");

    private OutOfMemory() {
    }

    /** The line for {@code error}, thrown while the command was doing {@code work}, in a JVM whose heap holds at most {@code maxHeap} bytes. */
    static String line(OutOfMemoryError error, String work, long maxHeap) {
        // JavaCPP throws "Cannot allocate new DoublePointer(…)" with the limit that refused it as the cause.
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null && messages.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        String message = messages.toString();
        String prefix = "backprop: out of memory while " + work + ": ";
        Matcher limit = JAVACPP_LIMIT.matcher(message);
        if (limit.find()) {
            String property = "org.bytedeco.javacpp." + limit.group(1);
            long bytes = Long.parseLong(limit.group(2));
            String what = limit.group(1).equals("maxBytes") ? "JavaCPP's off-heap limit is "
                    : "JavaCPP's limit on the process's resident size is ";
            return prefix + what + CurrentWork.bytes(bytes) + " (" + property + "); give it more with BACKPROP_JAVA_OPTS=-D"
                    + property + "=" + twiceInGigabytes(bytes) + ", or use smaller input";
        }
        Matcher nd4j = ND4J_FAILED.matcher(message);
        if (nd4j.find() || message.contains("Direct buffer memory")) {
            String size = nd4j.find(0) ? " of " + CurrentWork.bytes(Long.parseLong(nd4j.group(1))) : "";
            return prefix + "the machine refused an off-heap allocation" + size + " (the Java heap holds at most "
                    + CurrentWork.bytes(maxHeap) + " beside it); free memory, give the heap less with BACKPROP_HEAP,"
                    + " or use smaller input";
        }
        return prefix + "the Java heap holds at most " + CurrentWork.bytes(maxHeap) + "; give it more with BACKPROP_HEAP="
                + twiceInGigabytes(maxHeap) + ", or use smaller input";
    }

    /** Twice {@code bytes}, rounded up to whole gigabytes as -Xmx takes them: at least {@code 2g}. */
    private static String twiceInGigabytes(long bytes) {
        return Math.max(2, 2 * (long) Math.ceil(bytes / (double) (1L << 30))) + "g";
    }
}
