/**
 * Data in memory as every backend consumes it: {@link io.backprop.data.DataSet}, rows of float64
 * features and targets, checked finite when they are made. Reading data from files (CSV) is not
 * here but in the {@code backprop-data} module, so that a backend author depends on nothing but the
 * contract.
 */
package io.backprop.data;
