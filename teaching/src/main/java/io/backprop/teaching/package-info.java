/**
 * The article as a fixture: its 2-2-1 network, its people and newcomers, its learning rate, start
 * and training loop written as the article writes it, its names {@code w1…w6, b1…b3} and names
 * in the same style for any network ({@link io.backprop.teaching.ParameterNames}, which every
 * tool prints parameters by), and the XOR variants; the one copy the kit, the benchmarks, the
 * command and the tests use.
 */
package io.backprop.teaching;
