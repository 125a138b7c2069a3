/**
 * Judging a classifier on rows it did not train on: stratified held-out splits from a seed, and
 * confusion counts with accuracy.
 */
package io.backprop.evaluation;
