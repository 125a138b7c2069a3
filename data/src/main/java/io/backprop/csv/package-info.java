/**
 * Reading CSV files into the API's data sets: the dialect (header or not, delimiter), which columns
 * are features and which the target, class names read from a column, with bounded memory and line
 * lengths and errors that name the file, line and column. A file larger than memory is read a block
 * of rows at a time ({@link io.backprop.csv.CsvBlocks}, and {@link io.backprop.csv.CsvSource} as a
 * {@link io.backprop.data.DataSource}), each block with the rows and errors reading it whole gives.
 */
package io.backprop.csv;
