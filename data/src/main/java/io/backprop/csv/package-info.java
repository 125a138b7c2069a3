/**
 * Reading CSV files into the API's data sets: the dialect (header or not, delimiter), which columns
 * are features and which the target, class names read from a column, with bounded memory and line
 * lengths and errors that name the file, line and column.
 */
package io.backprop.csv;
