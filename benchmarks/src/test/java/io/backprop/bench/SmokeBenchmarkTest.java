package io.backprop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The build's smoke run: JMH finds the benchmarks the annotation processor listed and runs one, the
 * article's step on the reference backend, for one short iteration in this JVM. Measures nothing.
 */
class SmokeBenchmarkTest {
    @Test
    void theArticleStepOnReferenceRunsUnderJmh() throws RunnerException {
        // Another JMH run on this machine (a benchmark in progress) holds JMH's lock; a smoke run may share.
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include(ArticleStepBenchmark.class.getName() + ".reference$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(1);
        RunResult result = results.iterator().next();
        assertThat(result.getParams().getBenchmark()).endsWith("ArticleStepBenchmark.reference");
        assertThat(result.getPrimaryResult().getScore()).isPositive().isFinite();
        assertThat(result.getPrimaryResult().getScoreUnit()).isEqualTo("ns/op");
    }
}
