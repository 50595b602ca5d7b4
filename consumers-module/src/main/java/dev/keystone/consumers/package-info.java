/**
 * The consumer applications of docs/architecture.md §2: they subscribe independently, keep their
 * own state and never call back into the producer. {@code kit} makes any consumer idempotent and
 * order-aware; {@code audit}, {@code analytics} and {@code email} are the consumers.
 */
package dev.keystone.consumers;
