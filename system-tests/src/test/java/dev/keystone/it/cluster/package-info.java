/**
 * Keystone on the cluster stack (docs/operations.md, "The cluster stack"): three Kafka nodes with
 * replication factor 3 and Redis behind Sentinel, their leaders crashed under load, outcomes
 * counted as sets from the database, the whole topic and the consumers' effects.
 */
package dev.keystone.it.cluster;
