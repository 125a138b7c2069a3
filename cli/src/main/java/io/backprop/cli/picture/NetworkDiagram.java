package io.backprop.cli.picture;

import io.backprop.model.ClassLabels;
import io.backprop.model.Standardization;
import io.backprop.explain.SignificantFigures;
import io.backprop.model.Model;
import io.backprop.params.LayerParameters;
import io.backprop.teaching.ParameterNames;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * A feedforward network drawn as the article draws it: the inputs, each layer's neurons and the
 * outputs as named circles in columns, left to right; an edge for every weight, blue when it is
 * positive and red when negative, as wide as its size; the weights labelled {@code w1 = …} when the
 * network is small, and each neuron's bias beside it ({@code b1 = …}).
 *
 * <p>Beside each input, on its left, the feature column it reads when the caller knows it (a model
 * file does not name its columns), and the model's standardization of it when it has one,
 * {@code standardized: (x − 141.25) / 15.706}, to {@value #SCALING_FIGURES} significant figures.
 *
 * <p>A spec-only model is drawn without values and says so. A layer of more than
 * {@value #MOST_NEURONS_DRAWN} neurons shows its first {@value #SHOWN_OF_LARGE} and "… N more", and
 * says so. In an SVG every label is a {@code <text>} element and every edge carries the id
 * {@code edge-w<n>}.
 */
public final class NetworkDiagram implements Drawing {
    /** A column with more neurons than this is cut short. */
    static final int MOST_NEURONS_DRAWN = 16;
    /** How many neurons a column that is cut short shows. */
    static final int SHOWN_OF_LARGE = 12;
    /** Weights and biases are labelled only when no column has more neurons than this, and their labels do not overlap. */
    static final int MOST_NEURONS_LABELLED = 4;
    /** Significant figures of the means and standard deviations beside the inputs: enough to tell 141.25 from 141. */
    static final int SCALING_FIGURES = 5;

    static final Color POSITIVE = new Color(0x1F, 0x5F, 0xB4);
    static final Color NEGATIVE = new Color(0xD6, 0x27, 0x28);
    private static final Color UNKNOWN = new Color(0x9A, 0x9A, 0x9A);
    private static final Color INPUT_FILL = new Color(0xEC, 0xEC, 0xEC);
    private static final Color HIDDEN_FILL = new Color(0xD8, 0xE8, 0xF7);
    private static final Color OUTPUT_FILL = new Color(0xFC, 0xE3, 0xC6);
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color QUIET_INK = new Color(0x55, 0x55, 0x55);
    private static final float THINNEST = 1f;
    private static final float THICKEST = 8f;
    private static final int TOP = 160;
    private static final int LEGEND = 140;
    private static final int MARGIN = 120;

    private final NetworkSpec spec;
    private final Parameters parameters;
    /** What each output neuron stands for, from the model's classes; empty without them. */
    private final List<String> outputMeanings;
    /** For each input, the lines beside it: its column's name, its standardization; empty lists without them. */
    private final List<List<String>> inputNotes;
    private final boolean standardized;
    private final ParameterNames names;
    private final int[] counts;
    private final boolean cutShort;
    private final int radius;
    private final int spacing;
    private final int height;
    private final double largestWeight;
    /** Where along each edge, from its source, its label sits; 0 when the weights are not labelled. */
    private double labelPlace;
    private boolean labelled;
    private int gap;
    private int width;

    private NetworkDiagram(NetworkSpec spec, Parameters parameters, Optional<ClassLabels> classes,
                           List<String> featureNames, Optional<Standardization> standardization) {
        this.spec = spec;
        this.parameters = parameters;
        this.outputMeanings = classes.map(c -> outputMeanings(c, spec.outputs())).orElse(List.of());
        this.inputNotes = inputNotes(spec.inputs(), featureNames, standardization);
        this.standardized = standardization.isPresent();
        this.names = ParameterNames.of(spec);
        counts = new int[spec.depth() + 1];
        counts[0] = spec.inputs();
        for (int l = 0; l < spec.depth(); l++) {
            counts[l + 1] = spec.layer(l).units();
        }
        int rows = 0;
        boolean anyCut = false;
        int most = 0;
        for (int count : counts) {
            rows = Math.max(rows, slots(count));
            anyCut |= count > MOST_NEURONS_DRAWN;
            most = Math.max(most, count);
        }
        cutShort = anyCut;
        radius = rows <= 4 ? 30 : rows <= 8 ? 24 : 19;
        spacing = rows <= 4 ? 150 : 2 * radius + 24;
        // Laid out for labels first; placeForLabels() then says whether they fit.
        labelled = !anyCut;
        gap = 300;
        width = Math.max(900, 2 * MARGIN + gap * (counts.length - 1) + sideRoom());
        height = Math.max(600, TOP + (rows - 1) * spacing + 2 * radius + 50 + LEGEND);
        double largest = 0;
        if (parameters != null) {
            for (LayerParameters layer : parameters.layers()) {
                for (int j = 0; j < layer.units(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) {
                        largest = Math.max(largest, Math.abs(layer.weight(j, i)));
                    }
                }
            }
        }
        largestWeight = largest;
        labelPlace = labelled && most <= MOST_NEURONS_LABELLED ? placeForLabels() : 0;
        if (labelPlace == 0) {
            labelled = false;
            gap = 240;
            width = Math.max(900, 2 * MARGIN + gap * (counts.length - 1) + sideRoom());
        }
    }

    /**
     * A place along the edges where no two labels (weights, biases) overlap, trying a few from near
     * the sources, where the edges leaving one neuron are still apart; 0 when there is none.
     */
    private double placeForLabels() {
        for (double t : new double[] {0.3, 0.25, 0.35, 0.2, 0.4}) {
            List<Rectangle2D> boxes = new ArrayList<>();
            for (int l = 0; l < spec.depth(); l++) {
                for (int j = 0; j < counts[l + 1]; j++) {
                    for (int i = 0; i < counts[l]; i++) {
                        double cx = x(l) + t * (x(l + 1) - x(l));
                        double cy = y(l, i) + t * (y(l + 1, j) - y(l, i));
                        boxes.add(box(weightLabel(l, j, i), cx, cy));
                    }
                    if (spec.layer(l).bias()) {
                        boxes.add(box(biasLabel(l, j), x(l + 1), y(l + 1, j) + radius + 15));
                    }
                }
            }
            if (apart(boxes)) {
                return t;
            }
        }
        return 0;
    }

    private static boolean apart(List<Rectangle2D> boxes) {
        for (int a = 0; a < boxes.size(); a++) {
            for (int b = a + 1; b < boxes.size(); b++) {
                if (boxes.get(a).intersects(boxes.get(b))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The box a label takes, with a little room around it. */
    private static Rectangle2D box(String text, double cx, double cy) {
        Rectangle2D bounds = font(Font.PLAIN, 14).getStringBounds(text, new FontRenderContext(null, true, true));
        double w = bounds.getWidth() + 14;
        double h = bounds.getHeight() + 6;
        return new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h);
    }

    private String weightLabel(int layer, int j, int i) {
        String name = names.weight(layer, j, i);
        return parameters == null ? name : name + " = " + number(parameters.layer(layer).weight(j, i));
    }

    private String biasLabel(int layer, int j) {
        String name = names.bias(layer, j);
        return parameters == null ? name : name + " = " + number(parameters.layer(layer).bias(j));
    }

    /** The diagram of {@code model}, with its weights and biases when it has them, its inputs unnamed. */
    public static NetworkDiagram of(Model model) {
        return of(model, List.of());
    }

    /**
     * The diagram of {@code model}, each input named by its feature column.
     *
     * @param featureNames one name per input, or empty for none
     * @throws IllegalArgumentException when the names are neither empty nor one per input
     */
    public static NetworkDiagram of(Model model, List<String> featureNames) {
        if (!featureNames.isEmpty() && featureNames.size() != model.spec().inputs()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for "
                    + model.spec().inputs() + " inputs");
        }
        return new NetworkDiagram(model.spec(), model.parameters().orElse(null), model.classes(),
                List.copyOf(featureNames), model.standardization());
    }

    /** Draws {@code model} into {@code target} (PNG or SVG, as its extension says), atomically. */
    public static void write(Model model, PictureTarget target) {
        write(model, List.of(), target);
    }

    /** Draws {@code model}, its inputs named by {@code featureNames} (or none), into {@code target}, atomically. */
    public static void write(Model model, List<String> featureNames, PictureTarget target) {
        target.write(PictureEncoder.encode(of(model, featureNames), target.format()));
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    private static int shown(int count) {
        return count > MOST_NEURONS_DRAWN ? SHOWN_OF_LARGE : count;
    }

    /** Rows a column takes: its neurons shown, and one for "… N more" when it is cut short. */
    private static int slots(int count) {
        return shown(count) + (count > MOST_NEURONS_DRAWN ? 1 : 0);
    }

    private double x(int column) {
        double used = gap * (counts.length - 1);
        return (width - used) / 2 + column * gap;
    }

    private double y(int column, int k) {
        double middle = TOP + (height - TOP - LEGEND) / 2.0;
        return middle + (k - (slots(counts[column]) - 1) / 2.0) * spacing;
    }

    /**
     * Beside each output neuron, the class it stands for: with one output and two classes, which class
     * is 1 and which 0; with one output per class, that class.
     */
    private static List<String> outputMeanings(ClassLabels classes, int outputs) {
        if (outputs == 1) {
            return List.of(shortened(classes.name(1)) + " = 1, " + shortened(classes.name(0)) + " = 0");
        }
        List<String> meanings = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            meanings.add(shortened(classes.name(k)));
        }
        return meanings;
    }

    /**
     * The lines beside each input: the name of its column, and how the model standardizes it. A model
     * file does not name its columns, so the names come from the caller or not at all.
     */
    private static List<List<String>> inputNotes(int inputs, List<String> featureNames,
                                                 Optional<Standardization> standardization) {
        List<List<String>> notes = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            List<String> lines = new ArrayList<>();
            if (!featureNames.isEmpty()) {
                lines.add(featureNames.get(i));
            }
            int input = i;
            standardization.ifPresent(s -> lines.add("standardized: (x − "
                    + SignificantFigures.text(s.mean()[input], SCALING_FIGURES) + ") / "
                    + SignificantFigures.text(s.std()[input], SCALING_FIGURES)));
            notes.add(List.copyOf(lines));
        }
        return List.copyOf(notes);
    }

    /**
     * Extra width for what stands beside the outer columns, the class names right of the outputs and
     * the notes left of the inputs: twice the wider side, so that the columns stay centred.
     */
    private int sideRoom() {
        double outputs = outputMeanings.isEmpty() ? 0 : 80;
        double inputs = 0;
        for (List<String> lines : inputNotes) {
            for (String line : lines) {
                inputs = Math.max(inputs, textWidth(line));
            }
        }
        // The margin already leaves room left of the inputs' circles for a short name.
        inputs = Math.max(0, inputs + 36 - (MARGIN - 30));
        return (int) Math.ceil(2 * Math.max(outputs, inputs));
    }

    private static double textWidth(String text) {
        return font(Font.PLAIN, 14).getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
    }

    /** A class name short enough for the margin beside the output column. */
    private static String shortened(String name) {
        return name.length() <= 14 ? name : name.substring(0, 13) + "…";
    }

    private String neuronName(int column, int k) {
        return column == 0 ? names.input(k) : names.neuron(column - 1, k);
    }

    @Override
    public void draw(Graphics2D g) {
        drawHeader(g);
        List<Runnable> labels = new ArrayList<>();
        for (int l = 0; l < spec.depth(); l++) {
            drawEdges(g, l, labels);
        }
        for (int c = 0; c < counts.length; c++) {
            drawColumn(g, c);
        }
        labels.forEach(Runnable::run);
        drawLegend(g);
    }

    private void drawHeader(Graphics2D g) {
        g.setColor(INK);
        g.setFont(font(Font.BOLD, 20));
        centred(g, "The network: " + spec, width / 2.0, 38);
        g.setFont(font(Font.PLAIN, 14));
        g.setColor(QUIET_INK);
        List<String> notes = new ArrayList<>();
        if (parameters == null) {
            notes.add("A spec only: it has no weights or biases yet, so none are shown; every edge is grey.");
        } else if (labelled) {
            notes.add("Weights w1, w2, … counted layer by layer, neuron by neuron, input by input; "
                    + "biases b1, b2, … beside their neurons.");
        } else {
            notes.add("Too many weights to label readably: colour and width still show each one.");
        }
        if (standardized) {
            notes.add("Each input is standardized before the network, (x − mean) / std, as the model says: "
                    + "beside it, to " + SCALING_FIGURES + " figures.");
        }
        if (cutShort) {
            notes.add("Layers of more than " + MOST_NEURONS_DRAWN + " neurons show their first " + SHOWN_OF_LARGE
                    + " and how many more; the others' edges are not drawn.");
        }
        for (int n = 0; n < notes.size(); n++) {
            centred(g, notes.get(n), width / 2.0, 66 + 22 * n);
        }
        g.setFont(font(Font.BOLD, 15));
        g.setColor(INK);
        for (int c = 0; c < counts.length; c++) {
            String heading;
            if (c == 0) {
                heading = "inputs";
            } else if (c == counts.length - 1) {
                heading = "output layer (" + spec.layer(c - 1).activation().id() + ")";
            } else {
                heading = (spec.depth() > 2 ? "hidden layer " + c : "hidden layer") + " ("
                        + spec.layer(c - 1).activation().id() + ")";
            }
            centred(g, heading, x(c), TOP - 24);
        }
    }

    private void drawEdges(Graphics2D g, int layer, List<Runnable> labels) {
        int sources = shown(counts[layer]);
        int targets = shown(counts[layer + 1]);
        for (int j = 0; j < targets; j++) {
            for (int i = 0; i < sources; i++) {
                double x0 = x(layer);
                double y0 = y(layer, i);
                double x1 = x(layer + 1);
                double y1 = y(layer + 1, j);
                String name = names.weight(layer, j, i);
                double weight = parameters == null ? Double.NaN : parameters.layer(layer).weight(j, i);
                g.setColor(colour(weight));
                g.setStroke(new BasicStroke(thickness(weight), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                markNext(g, "edge-" + name);
                g.draw(new Line2D.Double(x0, y0, x1, y1));
                if (labelled) {
                    double t = labelPlace;
                    String text = weightLabel(layer, j, i);
                    labels.add(() -> boxed(g, text, x0 + t * (x1 - x0), y0 + t * (y1 - y0), colour(weight)));
                }
            }
        }
    }

    private void drawColumn(Graphics2D g, int column) {
        Color fill = column == 0 ? INPUT_FILL : column == counts.length - 1 ? OUTPUT_FILL : HIDDEN_FILL;
        int shown = shown(counts[column]);
        for (int k = 0; k < shown; k++) {
            double cx = x(column);
            double cy = y(column, k);
            Ellipse2D circle = new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius);
            g.setColor(fill);
            g.fill(circle);
            g.setColor(INK);
            g.setStroke(new BasicStroke(1.6f));
            g.draw(circle);
            g.setFont(font(Font.BOLD, radius >= 24 ? 17 : 13));
            centred(g, neuronName(column, k), cx, cy + g.getFontMetrics().getAscent() / 2.0 - 2);
            if (column > 0 && labelled && spec.layer(column - 1).bias()) {
                String text = biasLabel(column - 1, k);
                g.setFont(font(Font.PLAIN, 14));
                g.setColor(QUIET_INK);
                centred(g, text, cx, cy + radius + 20);
            }
            if (column == 0 && !inputNotes.get(k).isEmpty()) {
                drawInputNotes(g, inputNotes.get(k), cx, cy);
            }
            if (column == counts.length - 1 && k < outputMeanings.size()) {
                g.setFont(font(Font.ITALIC, 14));
                g.setColor(INK);
                g.drawString(outputMeanings.get(k), (float) (cx + radius + 10), (float) (cy + 5));
            }
        }
        if (counts[column] > shown) {
            g.setFont(font(Font.ITALIC, 14));
            g.setColor(QUIET_INK);
            centred(g, "… " + (counts[column] - shown) + " more", x(column), y(column, shown) + 5);
        }
    }

    /** The notes of one input, right-aligned against the left of its circle, centred on it. */
    private void drawInputNotes(Graphics2D g, List<String> lines, double cx, double cy) {
        g.setFont(font(Font.ITALIC, 14));
        g.setColor(INK);
        FontMetrics metrics = g.getFontMetrics();
        double lineHeight = metrics.getHeight();
        double first = cy + metrics.getAscent() / 2.0 - 2 - (lines.size() - 1) * lineHeight / 2;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            g.drawString(line, (float) (cx - radius - 12 - metrics.stringWidth(line)), (float) (first + n * lineHeight));
        }
    }

    private void drawLegend(Graphics2D g) {
        double top = height - LEGEND + 30;
        double left = Math.max(40, width / 2.0 - 400);
        g.setFont(font(Font.PLAIN, 14));
        if (parameters == null) {
            sample(g, UNKNOWN, THINNEST + 1, left, top, "an edge: a weight, not yet set");
            g.setColor(QUIET_INK);
            g.drawString("Train the model (backprop train) to see its weights and biases.", (float) left,
                    (float) top + 40);
            return;
        }
        sample(g, POSITIVE, 3, left, top, "positive weight");
        sample(g, NEGATIVE, 3, left + 260, top, "negative weight");
        sample(g, UNKNOWN, THINNEST, left + 520, top, "zero weight");
        double[] fractions = {0.1, 0.5, 1};
        for (int f = 0; f < fractions.length; f++) {
            double size = largestWeight * fractions[f];
            sample(g, INK, thickness(size), left + 260 * f, top + 34, "|w| = " + number(size)
                    + (f == 2 ? " (the largest)" : ""));
        }
        g.setColor(QUIET_INK);
        g.drawString("Width grows with |w|." + (labelled ? " Beside each neuron: its bias b." : ""),
                (float) left, (float) top + 72);
    }

    private void sample(Graphics2D g, Color colour, float thickness, double x, double y, String text) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(thickness, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, y - 5, x + 50, y - 5));
        g.setColor(INK);
        g.drawString(text, (float) x + 62, (float) y);
    }

    private float thickness(double weight) {
        if (Double.isNaN(weight) || largestWeight == 0) {
            return THINNEST;
        }
        return (float) (THINNEST + (THICKEST - THINNEST) * Math.abs(weight) / largestWeight);
    }

    private static Color colour(double weight) {
        if (Double.isNaN(weight) || weight == 0) {
            return UNKNOWN;
        }
        return weight > 0 ? POSITIVE : NEGATIVE;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    /** In an SVG, gives the next element drawn an id, so tests and readers can find it. */
    private static void markNext(Graphics2D g, String id) {
        if (g instanceof SVGGraphics2D) {
            g.setRenderingHint(SVGHints.KEY_ELEMENT_ID, id);
        }
    }

    private static void centred(Graphics2D g, String text, double cx, double baseline) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (cx - metrics.stringWidth(text) / 2.0), (float) baseline);
    }

    /** A label on a white box with a border in the edge's colour, readable over the lines beneath. */
    private static void boxed(Graphics2D g, String text, double cx, double cy, Color border) {
        g.setFont(font(Font.PLAIN, 14));
        FontMetrics metrics = g.getFontMetrics();
        double w = metrics.stringWidth(text) + 10;
        double h = metrics.getAscent() + 6;
        RoundRectangle2D box = new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, 8, 8);
        g.setColor(Color.WHITE);
        g.fill(box);
        g.setColor(border);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(box);
        g.setColor(INK);
        g.drawString(text, (float) (cx - metrics.stringWidth(text) / 2.0),
                (float) (cy + metrics.getAscent() / 2.0 - 2));
    }
}
