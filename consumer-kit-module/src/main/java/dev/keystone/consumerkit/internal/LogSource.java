package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The log as a rebuild reads it: every record of some topics from the earliest offset up to the end
 * offsets captured when the reading starts. {@link KafkaLogSource} is Kafka's. A port, so that a
 * rebuild can be tested against an in-memory log.
 */
public interface LogSource {

  /**
   * Reads the topics to the end offsets they have now.
   *
   * @param each called for every record, each partition's records in offset order
   * @param remaining called now and then with the records still to read, last with 0
   */
  void readToEnd(Collection<String> topics, Consumer<IncomingRecord> each, LongConsumer remaining);
}
