package io.backprop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads pictures the command wrote back, and checks what any picture must be. */
final class Pictures {
    private Pictures() {
    }

    /** A PNG that ImageIO reads, at least 600 × 400, and not one colour. */
    static BufferedImage readPng(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(image).as("%s read as an image", file).isNotNull();
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(600);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(400);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours).as("colours in %s", file).hasSizeGreaterThan(2);
        return image;
    }

    /** An SVG that parses as XML, with an {@code <svg>} root at least 600 × 400. */
    static Document readSvg(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // The DOCTYPE names the W3C's DTD: never fetch it.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document svg = builder.parse(in);
            Element root = svg.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            assertThat(Double.parseDouble(root.getAttribute("width"))).isGreaterThanOrEqualTo(600);
            assertThat(Double.parseDouble(root.getAttribute("height"))).isGreaterThanOrEqualTo(400);
            return svg;
        } catch (Exception e) {
            throw new AssertionError(file + " is not an SVG document: " + e, e);
        }
    }

    /** The content of every {@code <text>} element. */
    static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < nodes.getLength(); k++) {
            texts.add(nodes.item(k).getTextContent());
        }
        return texts;
    }

    /** The stroke colour of the element with id {@code id}, as written in its style. */
    static String stroke(Document svg, String id) {
        NodeList all = svg.getElementsByTagNameNS("*", "*");
        for (int k = 0; k < all.getLength(); k++) {
            Element element = (Element) all.item(k);
            if (id.equals(element.getAttribute("id"))) {
                for (String part : element.getAttribute("style").split(";")) {
                    if (part.trim().startsWith("stroke:")) {
                        return part.trim().substring("stroke:".length()).trim();
                    }
                }
                throw new AssertionError("#" + id + " has no stroke: " + element.getAttribute("style"));
            }
        }
        throw new AssertionError("no element #" + id);
    }
}
