package io.backprop.data;

import java.util.function.UnaryOperator;

/** A source whose blocks pass through a change as they are read: {@link DataSource#mapBlocks}. */
final class MappedBlocks implements DataSource {
    private final DataSource source;
    private final UnaryOperator<DataSet> change;

    MappedBlocks(DataSource source, UnaryOperator<DataSet> change) {
        this.source = source;
        this.change = change;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int featureCount() {
        return source.featureCount();
    }

    @Override
    public int targetCount() {
        return source.targetCount();
    }

    @Override
    public int blockCount() {
        return source.blockCount();
    }

    @Override
    public DataSet block(int index) {
        return change.apply(source.block(index));
    }

    @Override
    public void close() {
        source.close();
    }
}
