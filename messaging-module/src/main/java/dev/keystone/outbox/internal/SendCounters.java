package dev.keystone.outbox.internal;

/**
 * Counts the relay's and the sweeper's sends by outcome; {@link OutboxMetrics} publishes them. A
 * port, so that the relay can be tested without a metric registry.
 */
public interface SendCounters {

  /** The broker acknowledged a row. */
  void sent();

  /** A send failed or was not acknowledged in time. */
  void failed();
}
