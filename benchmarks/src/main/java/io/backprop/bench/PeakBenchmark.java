package io.backprop.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario (e): the machine's float64 peak as Java can reach it, the yardstick for "fraction of
 * peak". Twelve independent chains {@code a ← a·m + c}, enough to cover the FMA units' latency
 * (4 to 5 cycles, two units), held in registers with no memory traffic. {@code vector*} uses the
 * Vector API's 256-bit species (four doubles, AVX2): the peak; {@code scalar*} uses
 * {@code Math.fma} on plain doubles, which the JIT does not widen, for comparison. One op is
 * {@link #STEPS} rounds of the twelve chains: {@code 2 · 12 · lanes · STEPS} FLOP.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PeakBenchmark {
    static final int STEPS = 4096;
    static final int CHAINS = 12;
    /**
     * Four doubles, AVX2's width, fixed so that an op's FLOP do not depend on where the report is
     * written; on a machine with AVX-512 this kernel measures half its peak.
     */
    static final int LANES = 4;
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
    /** The FLOP in one op of {@code vector*}: a multiply and an add per lane, chain and round. */
    static final long VECTOR_FLOP = 2L * CHAINS * LANES * STEPS;
    /** The FLOP in one op of {@code scalar*}. */
    static final long SCALAR_FLOP = 2L * CHAINS * STEPS;

    /** Multiplier and addend read from fields, so the JIT cannot fold the chains. */
    @State(Scope.Thread)
    public static class Operands {
        public double m = 0.999_999;
        public double c = 1e-3;
    }


    @Benchmark
    @Threads(1)
    public double vectorOneThread(Operands operands) {
        return vectorChains(operands.m, operands.c);
    }

    @Benchmark
    @Threads(2)
    public double vectorTwoThreads(Operands operands) {
        return vectorChains(operands.m, operands.c);
    }

    @Benchmark
    @Threads(1)
    public double scalarOneThread(Operands operands) {
        return scalarChains(operands.m, operands.c);
    }

    @Benchmark
    @Threads(2)
    public double scalarTwoThreads(Operands operands) {
        return scalarChains(operands.m, operands.c);
    }

    static double vectorChains(double multiplier, double addend) {
        DoubleVector m = DoubleVector.broadcast(SPECIES, multiplier);
        DoubleVector c = DoubleVector.broadcast(SPECIES, addend);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 0.0);
        DoubleVector a1 = DoubleVector.broadcast(SPECIES, 0.1);
        DoubleVector a2 = DoubleVector.broadcast(SPECIES, 0.2);
        DoubleVector a3 = DoubleVector.broadcast(SPECIES, 0.3);
        DoubleVector a4 = DoubleVector.broadcast(SPECIES, 0.4);
        DoubleVector a5 = DoubleVector.broadcast(SPECIES, 0.5);
        DoubleVector a6 = DoubleVector.broadcast(SPECIES, 0.6);
        DoubleVector a7 = DoubleVector.broadcast(SPECIES, 0.7);
        DoubleVector a8 = DoubleVector.broadcast(SPECIES, 0.8);
        DoubleVector a9 = DoubleVector.broadcast(SPECIES, 0.9);
        DoubleVector a10 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector a11 = DoubleVector.broadcast(SPECIES, 1.1);
        for (int s = 0; s < STEPS; s++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    static double scalarChains(double m, double c) {
        double a0 = 0.0;
        double a1 = 0.1;
        double a2 = 0.2;
        double a3 = 0.3;
        double a4 = 0.4;
        double a5 = 0.5;
        double a6 = 0.6;
        double a7 = 0.7;
        double a8 = 0.8;
        double a9 = 0.9;
        double a10 = 1.0;
        double a11 = 1.1;
        for (int s = 0; s < STEPS; s++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
            a8 = Math.fma(a8, m, c);
            a9 = Math.fma(a9, m, c);
            a10 = Math.fma(a10, m, c);
            a11 = Math.fma(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
