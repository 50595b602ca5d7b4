/**
 * Readiness data of the event path: the broker's reachability and the outbox backlog. Never makes
 * the server unready on its own: with Kafka down, writes still commit into the outbox. Published by
 * the web module, like every {@code ApplicationReadiness} check.
 */
package dev.keystone.messaging.health;
