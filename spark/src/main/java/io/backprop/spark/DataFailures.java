package io.backprop.spark;

import io.backprop.error.DataException;
import io.backprop.error.TrainingException;
import java.util.function.Supplier;

/**
 * A {@link DataException} thrown by a Spark task reaches the driver inside Spark's own exception
 * ("Job aborted due to stage failure: …"), which Scala throws unchecked although it is a checked
 * {@code SparkException}; the API's callers expect the typed error with its message.
 */
final class DataFailures {
    private DataFailures() {
    }

    /**
     * {@code action}'s result; a data error of one of its tasks rethrown as itself, any other failure of
     * Spark as a {@link TrainingException} with the first line of Spark's message.
     */
    static <T> T rethrown(Supplier<T> action) {
        try {
            return action.get();
        } catch (DataException e) {
            throw e;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DataException data) {
                    throw new DataException(data.getMessage(), e);
                }
            }
            String message = String.valueOf(e.getMessage());
            String marker = DataException.class.getName() + ": ";
            int at = message.indexOf(marker);
            if (at >= 0) {
                int end = message.indexOf('\n', at);
                throw new DataException(message.substring(at + marker.length(), end < 0 ? message.length() : end), e);
            }
            if (e instanceof RuntimeException runtime && !runtime.getClass().getName().startsWith("org.apache.spark")) {
                throw runtime;
            }
            int end = message.indexOf('\n');
            throw new TrainingException("spark: " + (end < 0 ? message : message.substring(0, end)), e);
        }
    }
}
