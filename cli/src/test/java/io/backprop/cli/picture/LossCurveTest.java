package io.backprop.cli.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LossCurveTest {
    private static final double[] LOSSES = {0.5, 0.25, 0.2, 0.1};

    @Test
    void lossesComputedEveryFiftyEpochsAreDrawnAtThoseEpochs() throws IOException {
        byte[] onePerEpoch = LossCurve.png(LOSSES, "mse", "reference");
        byte[] everyFifty = LossCurve.png(LOSSES, 50, 230, "mse", "reference");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(everyFifty));
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(600);
        assertThat(everyFifty).as("x runs to epoch 230, the points at 50, 100, 150 and 200").isNotEqualTo(onePerEpoch);
        assertThat(LossCurve.png(LOSSES, 50, 230, "mse", "reference")).as("drawn the same way twice")
                .isEqualTo(everyFifty);
    }

    @Test
    void validationLossesAreDrawnAsASecondCurveInTheirOwnColour() throws IOException {
        BufferedImage alone = ImageIO.read(new ByteArrayInputStream(LossCurve.png(LOSSES, 1, 4, "mse", "reference")));
        BufferedImage both = ImageIO.read(new ByteArrayInputStream(LossCurve.png(LOSSES,
                new double[] {0.6, 0.4, 0.45, 0.5}, 1, 4, "mse", "reference")));

        assertThat(pixels(alone, LossCurve.VALIDATION)).isZero();
        assertThat(pixels(both, LossCurve.VALIDATION)).isGreaterThan(100);
        assertThat(pixels(both, LossCurve.TRAINING)).isGreaterThan(100);
    }

    private static int pixels(BufferedImage image, java.awt.Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return count;
    }
}
