package io.backprop.cli.picture;

import io.backprop.conformance.comparison.BackendComparison.ParameterDifferences;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How far each backend's gradients (and trained parameters) are from the baseline's, parameter by
 * parameter, as a PNG chart drawn with XChart on a log axis. It draws the relative differences that
 * {@code check}'s table reports, {@link ParameterDifferences#relative()}: each over the largest
 * magnitude of its layer in the baseline, so that a point can be set against the table's worst and
 * its tolerance. A difference of exactly 0 has no place on a log axis: it is drawn on a stated floor,
 * a decade below the smallest difference that is not 0, and the chart says so.
 */
public final class DifferencesChart {
    static final int WIDTH = 1000;
    /** The height without the legend, which adds {@link #LEGEND_LINE} for each of its entries. */
    static final int HEIGHT = 560;
    /** The height each legend entry adds: the legend is one entry a line, under the plot, so that it never runs wider than the picture. */
    static final int LEGEND_LINE = 24;
    /** Up to this many parameters, the x axis names them (w1, …, b1, …); past it, it numbers them. */
    static final int MOST_NAMED = 40;
    /** The floor when no difference at all is above 0. */
    static final double FLOOR_WHEN_ALL_ZERO = 1e-20;

    private static final Color[] COLOURS = {new Color(0x1F, 0x5F, 0xB4), new Color(0xE0, 0x7B, 0x00),
        new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP};

    private DifferencesChart() {
    }

    /** Draws {@code differences}, each against {@code baseline}, to {@code target} (a PNG), atomically. */
    public static void write(List<ParameterDifferences> differences, String baseline, PictureTarget target) {
        target.write(png(differences, baseline));
    }

    /** The floor zeros are drawn at: a power of ten at least a decade below the smallest difference above 0. */
    static double floor(List<ParameterDifferences> differences) {
        double smallest = Double.POSITIVE_INFINITY;
        for (ParameterDifferences d : differences) {
            for (double value : d.relative()) {
                if (value > 0 && value < smallest) {
                    smallest = value;
                }
            }
        }
        return smallest == Double.POSITIVE_INFINITY ? FLOOR_WHEN_ALL_ZERO
                : Math.pow(10, Math.floor(Math.log10(smallest)) - 1);
    }

    static byte[] png(List<ParameterDifferences> differences, String baseline) {
        return PictureEncoder.png(BitmapEncoder.getBufferedImage(chart(differences, baseline)));
    }

    /** The chart {@link #png} draws: one series for each backend and kind, and the floor's line. */
    static XYChart chart(List<ParameterDifferences> differences, String baseline) {
        double floor = floor(differences);
        List<String> names = differences.isEmpty() ? List.of() : differences.get(0).names();
        int count = names.size();
        int legendEntries = differences.size() + 1;
        // One backend is named in the title; several share it as "backend", each named in the legend.
        String backend = differences.stream().map(ParameterDifferences::backend).distinct().count() == 1
                ? differences.get(0).backend() : "backend";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT + LEGEND_LINE * legendEntries)
                .title("|" + backend + " − " + baseline + "| / the layer's largest |" + baseline + "|, per parameter,"
                        + " log scale")
                .xAxisTitle(count <= MOST_NAMED ? "parameter" : "parameter (w1, w2, …, then b1, b2, …: number)")
                .yAxisTitle("relative difference, as check's table (0 is drawn at " + exponent(floor) + ")")
                .build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        // The log scale is drawn by plotting log10 on a linear axis labelled in powers of ten: XChart's own
        // log axis labels too few ticks across the twenty decades these differences can span.
        styler.setYAxisMin(Math.log10(floor) - 1);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(count + 1.0);
        styler.setMarkerSize(count <= MOST_NAMED ? 11 : 6);
        // One entry a line under the plot: a row of entries (two backends, two kinds, the floor) is wider
        // than the picture, and XChart then cuts it at both sides; the picture grows by a line per entry.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        double bottom = Math.log10(floor) - 1;
        if (count <= MOST_NAMED) {
            // The names are written along the bottom of the plot: XChart's x tick labels cannot be put at
            // chosen places (it drops or loops over labels it finds equal).
            styler.setXAxisTicksVisible(false);
            styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            styler.setAnnotationTextFontColor(new Color(0x22, 0x22, 0x22));
            for (int k = 0; k < count; k++) {
                chart.addAnnotation(new AnnotationText(names.get(k), k + 1, bottom + 0.45, false));
            }
        }
        styler.setyAxisTickLabelsFormattingFunction(y -> Math.abs(y - Math.rint(y)) < 1e-9 ? "1e" + (long) Math.rint(y)
                : " ");

        double largest = Math.log10(floor);
        for (int s = 0; s < differences.size(); s++) {
            ParameterDifferences d = differences.get(s);
            double[] x = new double[count];
            double[] y = new double[count];
            double[] values = d.relative();
            // Side by side around each parameter, so the kinds do not hide each other.
            double shift = differences.size() == 1 ? 0 : 0.3 * (s / (differences.size() - 1.0) - 0.5);
            for (int k = 0; k < count; k++) {
                x[k] = k + 1 + shift;
                y[k] = Math.log10(values[k] > 0 ? values[k] : floor);
                largest = Math.max(largest, y[k]);
            }
            XYSeries series = chart.addSeries(d.backend() + ": " + label(d.kind()), x, y);
            series.setMarker(MARKERS[s % MARKERS.length]);
            series.setMarkerColor(COLOURS[s % COLOURS.length]);
        }
        styler.setYAxisMax(Math.ceil(largest) + 1);
        // XChart puts the x ticks of a labelled axis at the data's x values: the floor's line has one at
        // every parameter, so each parameter gets its name.
        double[] every = new double[count];
        double[] atFloor = new double[count];
        for (int k = 0; k < count; k++) {
            every[k] = k + 1;
            atFloor[k] = Math.log10(floor);
        }
        XYSeries zero = chart.addSeries("floor: exactly 0", every, atFloor);
        zero.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(new Color(0x88, 0x88, 0x88));
        zero.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        return chart;
    }

    private static String label(String kind) {
        return kind.equals("gradients") ? "∂L/∂θ" : kind;
    }

    /** A power of ten as {@code 1e-12}; other values in short scientific form. */
    static String exponent(double value) {
        double log = Math.log10(value);
        if (Math.abs(log - Math.rint(log)) < 1e-9) {
            return "1e" + (long) Math.rint(log);
        }
        return String.format(Locale.ROOT, "%.1e", value);
    }
}
