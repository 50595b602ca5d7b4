package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;

/**
 * Where a message that failed every attempt is reported; {@link DeadLetters} publishes it to the
 * consumer's dead-letter topic. A port, so that the kit can be tested without a broker.
 */
public interface DeadLetterSink {

  /** Reports the record, the error and the number of attempts; never throws. */
  void publish(String consumer, IncomingRecord record, Throwable error, int attempts);
}
