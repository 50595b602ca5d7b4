/**
 * Keystone on the cluster stack (docs/operations.md, "The cluster stack"): three Kafka nodes with
 * replication factor 3, Redis behind Sentinel and PostgreSQL with a streaming standby, their
 * leaders and primaries crashed under load, outcomes counted as sets from the database, the whole
 * topic and the consumers' effects.
 */
package dev.keystone.it.cluster;
