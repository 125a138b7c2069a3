package io.backprop.train;

import io.backprop.data.DataSet;

/**
 * The classes of a data set's targets, when they are classes: one-hot rows (exactly one 1, the rest
 * 0) over several outputs, or 0 and 1 in a single output. The predicted class is the largest output,
 * or for a single output whether it is at least 0.5.
 */
final class ClassTargets {
    private ClassTargets() {
    }

    /** Each row's class, or null when the targets are not classes. */
    static int[] of(DataSet data) {
        int[] classes = new int[data.rows()];
        int width = data.targetCount();
        for (int r = 0; r < data.rows(); r++) {
            if (width == 1) {
                double t = data.target(r, 0);
                if (t != 0 && t != 1) {
                    return null;
                }
                classes[r] = (int) t;
                continue;
            }
            int hot = -1;
            for (int k = 0; k < width; k++) {
                double t = data.target(r, k);
                if (t == 1 && hot < 0) {
                    hot = k;
                } else if (t != 0) {
                    return null;
                }
            }
            if (hot < 0) {
                return null;
            }
            classes[r] = hot;
        }
        return classes;
    }

    /** The share of rows whose predicted class is {@code classes[row]}. */
    static double accuracy(double[][] outputs, int[] classes) {
        int right = 0;
        for (int r = 0; r < classes.length; r++) {
            if (predicted(outputs[r]) == classes[r]) {
                right++;
            }
        }
        return (double) right / classes.length;
    }

    private static int predicted(double[] outputs) {
        if (outputs.length == 1) {
            return outputs[0] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < outputs.length; k++) {
            if (outputs[k] > outputs[best]) {
                best = k;
            }
        }
        return best;
    }
}
