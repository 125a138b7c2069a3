/**
 * What the command shows while it trains: a progress bar on a terminal, loss lines otherwise, and
 * Ctrl-C, which stops training at the next epoch and keeps what was learned.
 */
package io.backprop.cli.progress;
