/**
 * The outbox library's machinery, private to it (an ArchUnit rule keeps it so): the
 * same-transaction writer, the after-commit relay and its worker, the sweeper, the store's SQL, the
 * CloudEvents envelope, topic creation and the broker's readiness data. Kafka is write-only from
 * here (docs/ architecture.md §4): nothing in this package reads a topic.
 */
package dev.keystone.outbox.internal;
