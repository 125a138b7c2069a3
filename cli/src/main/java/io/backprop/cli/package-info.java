/**
 * The {@code backprop} command: one picocli command class per subcommand, the options they share,
 * and the text and JSON each prints. It parses arguments and prints; every number comes from the
 * API and the backends it finds at run time, and every bad input ends as one line and exit code 2.
 */
package io.backprop.cli;
