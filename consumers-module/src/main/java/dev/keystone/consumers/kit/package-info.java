/**
 * The consumer kit: what makes any consumer safe by default against seed §5.3 (duplicates) and §5.4
 * (reordering). It parses the published CloudEvents envelope into a {@link
 * dev.keystone.consumers.kit.ReceivedEvent} (by the documented schema, sharing no code with the
 * producer) and records {@code (consumer, event id)} in the consumer's own transaction, so a
 * redelivered event is recognised and skipped.
 */
package dev.keystone.consumers.kit;
