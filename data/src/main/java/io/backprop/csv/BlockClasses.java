package io.backprop.csv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one block's class column gives {@link FoundClasses}, kept once the block is gone, so that blocks
 * can be read at once and their names gathered in file order afterwards: whether the column holds a
 * class name, and its cells that can change what is found, in row order, each with its place. Those are
 * the first of each name (a name again changes nothing) and the first empty cell, up to the first that
 * settles the classes wherever the block stands: an empty cell, or one name more than the network tells
 * apart. A block of numbers thus keeps a few of them, not the column.
 */
final class BlockClasses {
    private final boolean hasClassName;
    private final List<String> cells;
    private final List<String> places;

    private BlockClasses(boolean hasClassName, List<String> cells, List<String> places) {
        this.hasClassName = hasClassName;
        this.cells = cells;
        this.places = places;
    }

    /** The cells of {@code column} in {@code block} that matter to classes of which {@code needed} are enough. */
    static BlockClasses of(CsvTable block, int column, int needed) {
        List<String> cells = new ArrayList<>();
        List<String> places = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < block.rowCount(); r++) {
            String cell = block.cell(r, column);
            if (cell.isEmpty() || seen.add(cell)) {
                cells.add(cell);
                places.add(block.where(r, column));
                if (cell.isEmpty() || seen.size() > needed) {
                    break;
                }
            }
        }
        return new BlockClasses(block.firstClassName(column) >= 0, cells, places);
    }

    /** Whether the block's column holds a cell that is not a number. */
    boolean hasClassName() {
        return hasClassName;
    }

    /** Gives {@code found} the cells that matter, as if it were given every cell of the column in order. */
    void addTo(FoundClasses found) {
        for (int k = 0; k < cells.size(); k++) {
            String place = places.get(k);
            found.add(cells.get(k), () -> place);
        }
    }
}
