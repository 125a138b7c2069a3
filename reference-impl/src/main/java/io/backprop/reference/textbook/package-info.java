/**
 * The {@code reference-textbook} backend: the article's feedforward, backprop by the chain rule and
 * SGD update, one row at a time, written to be read beside the article, and the other optimizers'
 * and regularizers' updates written out formula by formula. It passes the same conformance kit as the
 * fast backend and shares none of its code.
 */
package io.backprop.reference.textbook;
