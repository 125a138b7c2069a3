package io.backprop.cli.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.conformance.comparison.BackendComparison.ParameterDifferences;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

class DifferencesChartTest {
    private static ParameterDifferences of(double... absolute) {
        return of("dl4j", "gradients", absolute);
    }

    /** Differences relative to a layer whose largest |value| is 4, as check's table measures them. */
    private static ParameterDifferences of(String backend, String kind, double... absolute) {
        List<String> names = java.util.stream.IntStream.rangeClosed(1, absolute.length).mapToObj(k -> "w" + k).toList();
        return new ParameterDifferences(backend, kind, names, absolute,
                java.util.Arrays.stream(absolute).map(d -> d / 4).toArray());
    }

    /** What check draws with every backend shipped and --epochs: two backends, two kinds each, long names. */
    private static List<ParameterDifferences> threeBackends() {
        double[] some = {3e-18, 0, 2e-16, 1e-19, 0, 5e-17, 0, 1e-18, 0};
        String trained = "parameters after 1000 epochs";
        return List.of(of("dl4j", "gradients", some), of("dl4j", trained, some),
                of("reference-textbook", "gradients", some), of("reference-textbook", trained, some));
    }

    /**
     * check's table reports relative differences (over the layer's largest |value|); the chart drew
     * absolute ones under the same name, so that its points could not be set against the table.
     */
    @Test
    void theChartDrawsTheRelativeDifferencesOfTheCheckTableAndItsAxisSaysSo() {
        XYChart chart = DifferencesChart.chart(List.of(of(2e-16, 0, 8e-12)), "reference");

        assertThat(chart.getYAxisTitle()).startsWith("relative difference");
        assertThat(chart.getTitle()).contains("|dl4j − reference| / the layer's largest |reference|");
        // 2e-16 / 4 = 5e-17, whose floor is 1e-18; 8e-12 / 4 = 2e-12.
        assertThat(chart.getSeriesMap().get("dl4j: ∂L/∂θ").getYData())
                .containsExactly(Math.log10(5e-17), Math.log10(1e-18), Math.log10(2e-12));
    }

    @Test
    void zerosAreDrawnADecadeBelowTheSmallestDifferenceAboveZero() {
        // The smallest difference above 0 is 6e-16 / 4 = 1.5e-16, in the decade of 1e-16: the floor is 1e-17.
        assertThat(DifferencesChart.floor(List.of(of(0, 2e-13, 6e-16), of(5e-15, 0, 0)))).isEqualTo(1e-17);
        assertThat(DifferencesChart.floor(List.of(of(0, 0)))).isEqualTo(DifferencesChart.FLOOR_WHEN_ALL_ZERO);
    }

    @Test
    void aChartOfOnlyZerosIsStillDrawn() {
        byte[] png = DifferencesChart.png(List.of(of(0, 0, 0)), "reference");

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    /** The legend, as XChart lays it out, lies inside the picture, and has an entry for every series. */
    @Test
    void everyLegendEntryIsInsideThePicture() throws ReflectiveOperationException {
        XYChart chart = DifferencesChart.chart(threeBackends(), "reference");
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();

        // XChart keeps where it drew the legend in its chart part; the chart does not hand it out.
        java.lang.reflect.Field field = Chart.class.getDeclaredField("legend");
        field.setAccessible(true);
        Rectangle2D legend = ((org.knowm.xchart.internal.chartpart.ChartPart) field.get(chart)).getBounds();
        assertThat(legend.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(legend.getMinY()).isGreaterThanOrEqualTo(0);
        assertThat(legend.getMaxX()).isLessThanOrEqualTo(chart.getWidth());
        assertThat(legend.getMaxY()).isLessThanOrEqualTo(chart.getHeight());
        assertThat(chart.getSeriesMap().values()).filteredOn(XYSeries::isShowInLegend).extracting(XYSeries::getName)
                .containsExactly("dl4j: ∂L/∂θ", "dl4j: parameters after 1000 epochs", "reference-textbook: ∂L/∂θ",
                        "reference-textbook: parameters after 1000 epochs", "floor: exactly 0");
        // Entries one a line, each at least as tall as its 14-pt text.
        assertThat(legend.getHeight()).isGreaterThanOrEqualTo(5 * 14);
    }

    /**
     * The legend of four series and the floor, laid out in one row, ran past both sides of the 1000-px
     * picture, cutting its first marker and its last label: nothing may touch the picture's edges.
     */
    @Test
    void nothingIsCutAtTheEdgesOfThePicture() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(DifferencesChart.png(threeBackends(), "reference")));

        int white = 0xFFFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            assertThat(image.getRGB(0, y)).as("left edge at y = %d", y).isEqualTo(white);
            assertThat(image.getRGB(image.getWidth() - 1, y)).as("right edge at y = %d", y).isEqualTo(white);
        }
        for (int x = 0; x < image.getWidth(); x++) {
            assertThat(image.getRGB(x, image.getHeight() - 1)).as("bottom edge at x = %d", x).isEqualTo(white);
        }
    }
}
