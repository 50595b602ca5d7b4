/**
 * The consumer kit's machinery, private to it (an ArchUnit rule keeps it so): the dedup store, the
 * transaction that records an event and applies its effect or parks it, the dead-letter publisher
 * and the kit's own schema.
 */
package dev.keystone.consumerkit.internal;
