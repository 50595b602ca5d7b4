/**
 * The consumers' side of the ops page: {@code GET /consumers/ops/summary} reports each consumer
 * group's lag (committed offsets against the partitions' end offsets, through Kafka's AdminClient)
 * and the parked and dead-lettered messages of the consumers' own parking table.
 */
package dev.keystone.consumers.ops;
