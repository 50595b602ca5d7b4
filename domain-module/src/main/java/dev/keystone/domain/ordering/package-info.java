/**
 * Ordering: orders with lines, placed (reserving stock in the same transaction) and cancelled
 * (returning it). Emits {@link dev.keystone.domain.ordering.OrderEvents}.
 */
package dev.keystone.domain.ordering;
