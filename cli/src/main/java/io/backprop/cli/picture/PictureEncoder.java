package io.backprop.cli.picture;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/** Turns a {@link Drawing} into the bytes of a PNG (through a BufferedImage) or an SVG (through JFreeSVG). */
final class PictureEncoder {
    private PictureEncoder() {
    }

    static byte[] encode(Drawing drawing, PictureFormat format) {
        return switch (format) {
            case PNG -> png(drawing);
            case SVG -> svg(drawing);
        };
    }

    /** A BufferedImage already painted, such as an XChart chart, as PNG bytes. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static byte[] png(Drawing drawing) {
        BufferedImage image = new BufferedImage(drawing.width(), drawing.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, drawing.width(), drawing.height());
            drawing.draw(g);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    private static byte[] svg(Drawing drawing) {
        // JFreeSVG writes each string as a <text> element by default, so the labels stay text.
        SVGGraphics2D g = new SVGGraphics2D(drawing.width(), drawing.height());
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, drawing.width(), drawing.height());
        drawing.draw(g);
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }
}
