/**
 * The {@code dl4j} backend: the API computed by Deeplearning4j's {@code MultiLayerNetwork} on ND4J
 * in float64, with the output layer's loss and gradient made exact at saturation as the API defines
 * them; and the way out to plain DL4J: export to DL4J's own model zip and a safe import of one,
 * which refuses what DL4J would read with Java deserialization.
 */
package io.backprop.dl4j;
