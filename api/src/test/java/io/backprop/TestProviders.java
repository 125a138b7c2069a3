package io.backprop;

import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;

/**
 * Backend providers for the discovery tests, each wrong in one way. None is listed in this module's
 * {@code META-INF/services}: a test lists the ones it wants in a services file of its own.
 */
final class TestProviders {
    private TestProviders() {
    }

    /** A provider that works, with only a name. */
    abstract static class StandIn implements Backend {
        private final String name;

        StandIn(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a stand-in called " + name;
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            throw new UnsupportedOperationException("a stand-in computes nothing");
        }
    }

    public static final class Alpha extends StandIn {
        public Alpha() {
            super("alpha");
        }
    }

    public static final class Beta extends StandIn {
        public Beta() {
            super("beta");
        }
    }

    /** Gives Alpha's name in other letters' case: names match ignoring case, so the two clash. */
    public static final class AlsoAlpha extends StandIn {
        public AlsoAlpha() {
            super("ALPHA");
        }
    }

    /** As a backend whose native library or licence is missing on this machine. */
    public static final class Throwing extends StandIn {
        public Throwing() {
            super("throwing");
            throw new IllegalStateException("no licence for this machine");
        }
    }

    public static final class NameThrows extends StandIn {
        public NameThrows() {
            super("unused");
        }

        @Override
        public String name() {
            throw new IllegalStateException("name not configured");
        }
    }

    public static final class BlankName extends StandIn {
        public BlankName() {
            super(" ");
        }
    }

    public static final class NoPublicConstructor extends StandIn {
        public NoPublicConstructor(String name) {
            super(name);
        }
    }

    /** Listed as a provider, but not a backend. */
    public static final class NotABackend {
        public NotABackend() {
        }
    }
}
