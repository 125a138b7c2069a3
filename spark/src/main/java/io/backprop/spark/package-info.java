/**
 * Training a network of the {@code dl4j} backend on Apache Spark with Deeplearning4j's parameter
 * averaging: {@link io.backprop.spark.SparkTraining} with {@link io.backprop.spark.SparkOptions}, on
 * rows held in memory or read by Spark from a CSV path ({@link io.backprop.spark.SparkCsv}).
 */
package io.backprop.spark;
