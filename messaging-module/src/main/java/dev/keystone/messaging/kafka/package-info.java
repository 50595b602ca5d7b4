/**
 * Kafka as the application sees it: write-only (seed §4, "Kafka is write-only from the
 * application"). Topic and channel names, topic creation at start-up, and the broker's health as
 * readiness data. Nothing here reads from Kafka.
 */
package dev.keystone.messaging.kafka;
