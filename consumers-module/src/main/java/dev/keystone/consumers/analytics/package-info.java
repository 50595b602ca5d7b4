/**
 * The analytics consumer: units and revenue per product per day, and top products, folded from
 * {@code OrderPlaced} and {@code OrderCancelled} into its own tables and served at {@code
 * /consumers/analytics/...}.
 */
package dev.keystone.consumers.analytics;
