package io.backprop.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The chart of docs/performance.md: GFLOP/s of each backend, on top for the MLP 784-256-10 at
 * batch 64 (training step and inference), below for every point of the width × batch sweep (log
 * scale). Two XChart bar charts, stacked in one PNG.
 */
final class PerformanceChart {
    static final int WIDTH = 1100;
    static final int TOP_HEIGHT = 430;
    static final int BOTTOM_HEIGHT = 470;

    private static final Color REFERENCE = new Color(0x1F, 0x77, 0xB4);
    private static final Color DL4J = new Color(0xFF, 0x7F, 0x0E);
    private static final Color RAW_DEFAULTS = new Color(0xA0, 0xA0, 0xA0);
    private static final Color RAW_BEST = new Color(0x2C, 0xA0, 0x2C);
    private static final Color PYTORCH = new Color(0x94, 0x67, 0xBD);
    private static final Color RAW_TORCH = new Color(0xD6, 0x27, 0x28);
    private static final Color RAW_TORCH_TWO = new Color(0xE3, 0x77, 0xC2);

    private PerformanceChart() {
    }

    /** Whether the run has something to draw: the MLP's results or the sweep's. */
    static boolean canDraw(JmhResults results) {
        return !results.of(PerformanceReport.MLP).isEmpty() || !results.of(PerformanceReport.SWEEP).isEmpty();
    }

    static byte[] png(JmhResults results, double peakGflops) {
        List<BufferedImage> panels = new ArrayList<>();
        if (!results.of(PerformanceReport.MLP).isEmpty()) {
            panels.add(BitmapEncoder.getBufferedImage(mlpChart(results, peakGflops)));
        }
        if (!results.of(PerformanceReport.SWEEP).isEmpty()) {
            panels.add(BitmapEncoder.getBufferedImage(sweepChart(results)));
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no MLP or sweep results to draw; expected MlpBenchmark or"
                    + " SweepBenchmark in the JMH results");
        }
        int height = panels.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int y = 0;
            for (BufferedImage panel : panels) {
                g.drawImage(panel, 0, y, null);
                y += panel.getHeight();
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static CategoryChart mlpChart(JmhResults results, double peakGflops) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(TOP_HEIGHT)
                .title("MLP 784-256-10, batch 64: GFLOP/s (measured float64 peak "
                        + PerformanceReport.format(peakGflops, 1) + " GFLOP/s)")
                .yAxisTitle("GFLOP/s").build();
        style(chart);
        List<String> tasks = List.of("training step", "inference");
        addMlpSeries(chart, results, tasks, "reference", "Reference", REFERENCE);
        addMlpSeries(chart, results, tasks, "dl4j", "Dl4j", DL4J);
        addMlpSeries(chart, results, tasks, "raw DL4J, defaults", "RawDl4jDefaults", RAW_DEFAULTS);
        addMlpSeries(chart, results, tasks, "raw DL4J, best", "RawDl4jBest", RAW_BEST);
        addMlpSeries(chart, results, tasks, "pytorch", "Pytorch", PYTORCH);
        addMlpSeries(chart, results, tasks, "raw PyTorch, 1 thread", "RawPytorchOneThread", RAW_TORCH);
        addMlpSeries(chart, results, tasks, "raw PyTorch, 2 threads", "RawPytorchTwoThreads", RAW_TORCH_TWO);
        return chart;
    }

    private static void addMlpSeries(CategoryChart chart, JmhResults results, List<String> tasks, String name,
                                     String suffix, Color color) {
        Optional<JmhResult> train = results.find(PerformanceReport.MLP, "train" + suffix);
        Optional<JmhResult> predict = results.find(PerformanceReport.MLP, "predict" + suffix);
        if (train.isEmpty() && predict.isEmpty()) {
            return;
        }
        List<Double> values = List.of(train.map(PerformanceReport::gflops).orElse(0.0),
                predict.map(PerformanceReport::gflops).orElse(0.0));
        chart.addSeries(name, tasks, values).setFillColor(color);
    }

    private static CategoryChart sweepChart(JmhResults results) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(BOTTOM_HEIGHT)
                .title("One training step of a 784-W-10 MLP on B rows: GFLOP/s (log scale)")
                .xAxisTitle("hidden width W × batch size B").yAxisTitle("GFLOP/s").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(40); // sixteen points' labels run into each other level
        List<JmhResult> rows = results.of(PerformanceReport.SWEEP);
        List<String> points = new ArrayList<>();
        for (JmhResult result : rows) {
            String point = result.params().get("width") + "×" + result.params().get("batch");
            if (!points.contains(point)) {
                points.add(point);
            }
        }
        addSweepSeries(chart, rows, points, "reference", "reference", REFERENCE);
        addSweepSeries(chart, rows, points, "dl4j", "dl4j", DL4J);
        addSweepSeries(chart, rows, points, "raw DL4J, best", "rawDl4jBest", RAW_BEST);
        addSweepSeries(chart, rows, points, "raw PyTorch, 1 thread", "rawPytorch", RAW_TORCH);
        // Bars grow from the axis's minimum, which XChart takes as 0 unless told: no place on a log axis.
        double smallest = rows.stream().mapToDouble(PerformanceReport::gflops).filter(g -> g > 0).min().orElse(1);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        return chart;
    }

    private static void addSweepSeries(CategoryChart chart, List<JmhResult> rows, List<String> points, String name,
                                       String method, Color color) {
        List<Double> values = new ArrayList<>();
        boolean any = false;
        for (String point : points) {
            Optional<JmhResult> cell = rows.stream().filter(r -> r.method().equals(method)
                    && point.equals(r.params().get("width") + "×" + r.params().get("batch"))).findFirst();
            any |= cell.isPresent();
            // A log axis has no 0: a missing point is drawn as nothing (XChart skips null).
            values.add(cell.map(PerformanceReport::gflops).orElse(null));
        }
        if (any) {
            chart.addSeries(name, points, values).setFillColor(color);
        }
    }

    private static void style(CategoryChart chart) {
        CategoryStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setYAxisDecimalPattern("#,##0.###");
        styler.setAvailableSpaceFill(0.8);
    }
}
