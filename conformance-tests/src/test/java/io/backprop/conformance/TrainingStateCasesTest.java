package io.backprop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.Network;
import io.backprop.error.BackendException;
import io.backprop.params.Parameters;
import io.backprop.spec.NetworkSpec;
import io.backprop.spi.Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training-state cases judge a backend that keeps a state, and leave alone one the API lets keep none. */
class TrainingStateCasesTest {
    /** The naive backend's networks, refusing trainingState() and setTrainingState() as Network's defaults do. */
    private static final class Stateless implements Backend {
        private final Backend inner = new NaiveBackend();

        @Override
        public String name() {
            return "stateless";
        }

        @Override
        public String description() {
            return "the naive backend, keeping no training state";
        }

        @Override
        public Network create(NetworkSpec spec, Parameters parameters) {
            Network network = inner.create(spec, parameters);
            return (Network) Proxy.newProxyInstance(Network.class.getClassLoader(), new Class<?>[] {Network.class},
                    (proxy, method, args) -> {
                        if (method.getName().endsWith("rainingState")) {
                            throw new BackendException("stateless: this network keeps no training state");
                        }
                        try {
                            return method.invoke(network, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private static List<ConformanceCase> stateCases() {
        return Kit.cases().stream().filter(c -> c.id().startsWith("training-state.")).toList();
    }

    @Test
    void theyDoNotApplyToABackendWhoseNetworksKeepNoTrainingState() {
        assertThat(stateCases()).hasSize(17).allSatisfy(c -> assertThat(c.notApplicable(new Stateless()))
                .as(c.id()).hasValueSatisfying(reason -> assertThat(reason).contains("keep no training state")));
    }

    @Test
    void theyApplyToABackendWhoseNetworksKeepOne() {
        assertThat(stateCases()).allSatisfy(c -> assertThat(c.notApplicable(new NaiveBackend())).as(c.id()).isEmpty());
    }
}
