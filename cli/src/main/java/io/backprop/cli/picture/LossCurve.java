package io.backprop.cli.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss after each epoch of a training run, as a PNG line chart drawn with XChart: epoch along
 * x, the loss (named) up y, the backend named in the title and the legend; with validation data, its
 * loss as a second curve.
 */
public final class LossCurve {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** The training curve's colour. */
    static final Color TRAINING = new Color(0x1F, 0x77, 0xB4);
    /** The validation curve's colour, apart from the training one's also in grey print. */
    static final Color VALIDATION = new Color(0xFF, 0x7F, 0x0E);

    private LossCurve() {
    }

    /**
     * Writes the curve of {@code losses}, computed after epochs {@code lossEvery}, {@code 2·lossEvery},
     * … of a run of {@code epochs} epochs, to {@code png} atomically.
     *
     * @param lossName the loss's name, such as {@code mse}
     * @param backend the name of the backend that trained
     * @throws PictureException naming {@code --plot} when {@code png} is not a .png file in an existing directory
     */
    public static void write(double[] losses, int lossEvery, int epochs, String lossName, String backend, Path png) {
        write(losses, new double[0], lossEvery, epochs, lossName, backend, png);
    }

    /**
     * As {@link #write(double[], int, int, String, String, Path)}, with the validation data's loss
     * beside each loss drawn as a second curve (none when {@code validationLosses} is empty).
     */
    public static void write(double[] losses, double[] validationLosses, int lossEvery, int epochs, String lossName,
            String backend, Path png) {
        PictureTarget target = PictureTarget.of("--plot", png, PictureFormat.PNG);
        target.write(png(losses, validationLosses, lossEvery, epochs, lossName, backend));
    }

    /** The PNG bytes of the curve of a loss computed after every epoch. */
    static byte[] png(double[] losses, String lossName, String backend) {
        return png(losses, 1, losses.length, lossName, backend);
    }

    /** The PNG bytes of the curve of a run of {@code epochs} epochs. */
    static byte[] png(double[] losses, int lossEvery, int epochs, String lossName, String backend) {
        return png(losses, new double[0], lossEvery, epochs, lossName, backend);
    }

    /** The PNG bytes of the curves of a run of {@code epochs} epochs, with validation losses or none. */
    static byte[] png(double[] losses, double[] validationLosses, int lossEvery, int epochs, String lossName,
            String backend) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Loss per epoch: " + epochs + " epochs on the " + backend + " backend")
                .xAxisTitle("epoch")
                .yAxisTitle("loss (" + lossName + ")")
                .build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        // x from 0 so the ticks fall on round epochs; the first point is epoch 1.
        styler.setXAxisMin(0.0);
        styler.setXAxisMax((double) Math.max(epochs, 2));
        styler.setYAxisMin(0.0);
        styler.setXAxisDecimalPattern("#");
        styler.setYAxisDecimalPattern("0.######");
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        double[] lossEpochs = new double[losses.length];
        for (int e = 0; e < losses.length; e++) {
            lossEpochs[e] = (e + 1.0) * lossEvery;
        }
        XYSeries series = chart.addSeries(backend + " backend: " + lossName + (lossEvery == 1 ? " after each epoch"
                : " every " + lossEvery + " epochs"), lossEpochs, losses);
        series.setMarker(losses.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        series.setLineColor(TRAINING);
        series.setMarkerColor(TRAINING);
        series.setLineStyle(new BasicStroke(2.2f));
        if (validationLosses.length > 0) {
            XYSeries validation = chart.addSeries("validation data: " + lossName, lossEpochs, validationLosses);
            validation.setMarker(validationLosses.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
            validation.setLineColor(VALIDATION);
            validation.setMarkerColor(VALIDATION);
            validation.setLineStyle(new BasicStroke(2.2f));
        }
        // XChart puts the x ticks at the data's own x values when they are equally spaced, as epochs are,
        // which crowds a long run's axis with labels like 33, 66, 99; one unseen point at x = 0.5 breaks the
        // spacing, so the axis gets round ticks (0, 100, 200, …).
        XYSeries unseen = chart.addSeries(" ", new double[] {0.5}, new double[] {losses.length == 0 ? 0 : losses[0]});
        unseen.setMarker(SeriesMarkers.NONE);
        unseen.setLineStyle(SeriesLines.NONE);
        unseen.setShowInLegend(false);
        return PictureEncoder.png(BitmapEncoder.getBufferedImage(chart));
    }
}
