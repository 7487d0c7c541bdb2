/**
 * The Jakarta Messaging 3.1 message selector language (specification section 3.8.1).
 *
 * <p>{@link io.tandemmq.broker.core.selector.Selector#parse(String)} turns selector text into an
 * immutable expression tree, rejecting anything malformed with
 * {@link io.tandemmq.broker.core.selector.SelectorSyntaxException};
 * {@link io.tandemmq.broker.core.selector.Selector#matches(SelectorContext)} evaluates that tree
 * with SQL-92 three-valued logic against the header and property values that a
 * {@link io.tandemmq.broker.core.selector.SelectorContext} supplies. The pipeline is
 * {@code Tokenizer} (characters to tokens), {@code Parser} (tokens to a type-checked tree of
 * {@code Expression} nodes) and the nodes themselves, which evaluate to {@code Boolean},
 * {@code Long}, {@code Double}, {@code String} or {@code null} (SQL NULL / UNKNOWN).
 */
package io.tandemmq.broker.core.selector;
