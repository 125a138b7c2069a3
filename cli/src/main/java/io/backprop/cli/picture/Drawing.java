package io.backprop.cli.picture;

import java.awt.Graphics2D;

/** A picture drawn once with Java2D, whatever the file it ends up in. */
interface Drawing {
    int width();

    int height();

    /** Draws the whole picture on {@code g}, whose area is {@link #width()} × {@link #height()}. */
    void draw(Graphics2D g);
}
