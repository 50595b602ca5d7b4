/**
 * The request's correlation id: set by the gateway from {@code X-Request-Id}, copied by the outbox
 * into each event's {@code correlationid}, logged by both WARs.
 */
package dev.keystone.platform.correlation;
