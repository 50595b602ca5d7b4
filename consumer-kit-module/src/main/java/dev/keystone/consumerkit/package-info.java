/**
 * The consumer kit: what makes any consumer safe by default against docs/architecture.md §5.3
 * (duplicates) and §5.4 (reordering). A consumer implements {@link
 * dev.keystone.consumerkit.EventEffect} and hands each message to {@link
 * dev.keystone.consumerkit.ConsumerKit#handle}: dedup row and effect in one transaction,
 * version-guarded projections ({@link dev.keystone.consumerkit.AggregateVersions}), acknowledgement
 * after commit, bounded retries, dead-letter topic and per-key parking, never a nack. Events are
 * read by their published CloudEvents JSON ({@link dev.keystone.consumerkit.ReceivedEvent}),
 * sharing no code with the producer; the dedup store is bounded by {@link
 * dev.keystone.consumerkit.DedupPruner}.
 */
package dev.keystone.consumerkit;
