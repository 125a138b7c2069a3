package io.backprop.cli;

import io.backprop.teaching.Article;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The article's 2-2-1 sigmoid network with MSE loss, computed independently of the code under test:
 * {@code w[j][i]} is the weight from input {@code i} into hidden neuron {@code j} (the article's
 * w1, w2 into h1 and w3, w4 into h2), {@code v[j]} the weight from h(j+1) into o1 (w5, w6), {@code b}
 * the hidden biases (b1, b2) and {@code c} the output bias (b3).
 */
record Net221(double[][] w, double[] b, double[] v, double c) {
    /** The article's four people, weights shifted by 135 lb and heights by 66 in. */
    static final double[][] PEOPLE = Article.features();
    /** 1 means female: Alice, Bob, Charlie, Diana. */
    static final double[] FEMALE = Article.targets();

    static Net221 of(double w1, double w2, double w3, double w4, double w5, double w6,
                     double b1, double b2, double b3) {
        return new Net221(new double[][] {{w1, w2}, {w3, w4}}, new double[] {b1, b2}, new double[] {w5, w6}, b3);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    double[] hidden(double[] x) {
        return new double[] {
            sigmoid(w[0][0] * x[0] + w[0][1] * x[1] + b[0]),
            sigmoid(w[1][0] * x[0] + w[1][1] * x[1] + b[1])};
    }

    double output(double[] x) {
        double[] h = hidden(x);
        return sigmoid(v[0] * h[0] + v[1] * h[1] + c);
    }

    /** Mean over the rows of (y − ŷ)². */
    double mse(double[][] xs, double[] ys) {
        double sum = 0;
        for (int r = 0; r < xs.length; r++) {
            double e = ys[r] - output(xs[r]);
            sum += e * e;
        }
        return sum / xs.length;
    }

    /** ∂MSE/∂θ over the rows as one batch, by the chain rule as the article derives it. */
    Net221 gradient(double[][] xs, double[] ys) {
        double[][] gw = new double[2][2];
        double[] gb = new double[2];
        double[] gv = new double[2];
        double gc = 0;
        int n = xs.length;
        for (int r = 0; r < n; r++) {
            double[] x = xs[r];
            double[] h = hidden(x);
            double o = sigmoid(v[0] * h[0] + v[1] * h[1] + c);
            double dLdo = -2 * (ys[r] - o) / n;
            double dz = dLdo * o * (1 - o);
            gc += dz;
            for (int j = 0; j < 2; j++) {
                gv[j] += dz * h[j];
                double dzh = dz * v[j] * h[j] * (1 - h[j]);
                gb[j] += dzh;
                for (int i = 0; i < 2; i++) {
                    gw[j][i] += dzh * x[i];
                }
            }
        }
        return new Net221(gw, gb, gv, gc);
    }

    /** θ − η·g. */
    Net221 step(double eta, Net221 g) {
        double[][] nw = new double[2][2];
        double[] nb = new double[2];
        double[] nv = new double[2];
        for (int j = 0; j < 2; j++) {
            nb[j] = b[j] - eta * g.b[j];
            nv[j] = v[j] - eta * g.v[j];
            for (int i = 0; i < 2; i++) {
                nw[j][i] = w[j][i] - eta * g.w[j][i];
            }
        }
        return new Net221(nw, nb, nv, c - eta * g.c);
    }

    /** The nine values in the article's order w1…w6, b1, b2, b3. */
    double[] flat() {
        return new double[] {w[0][0], w[0][1], w[1][0], w[1][1], v[0], v[1], b[0], b[1], c};
    }

    /** A backprop-model/1 file holding this network, written by hand. */
    String modelJson() {
        return String.format(Locale.ROOT, """
                {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
                 "layers": [
                   {"units": 2, "activation": "sigmoid", "weights": [[%s, %s], [%s, %s]], "biases": [%s, %s]},
                   {"units": 1, "activation": "sigmoid", "weights": [[%s, %s]], "biases": [%s]}]}
                """, w[0][0], w[0][1], w[1][0], w[1][1], b[0], b[1], v[0], v[1], c);
    }

    /** The same shape as a spec only: no weights, no biases. */
    static final String SPEC_JSON = """
            {"format": "backprop-model/1", "inputs": 2, "loss": "mse",
             "layers": [{"units": 2, "activation": "sigmoid"}, {"units": 1, "activation": "sigmoid"}]}
            """;

    /** The network in a model file's {@code layers}, or in the gradient command's JSON {@code layers}. */
    static Net221 fromLayers(JsonNode layers) {
        JsonNode hidden = layers.get(0);
        JsonNode out = layers.get(1);
        return new Net221(
                new double[][] {Cli.doubles(hidden.get("weights").get(0)), Cli.doubles(hidden.get("weights").get(1))},
                Cli.doubles(hidden.get("biases")),
                Cli.doubles(out.get("weights").get(0)),
                out.get("biases").get(0).asDouble());
    }
}
