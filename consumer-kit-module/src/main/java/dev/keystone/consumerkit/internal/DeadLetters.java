package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;
import dev.keystone.platform.kafka.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes a message that failed every attempt to its consumer's dead-letter topic, {@code
 * keystone.dlt.<consumer>}, with the same key and value and the error in headers. A plain {@link
 * KafkaProducer}, not a Reactive Messaging channel: a failed send must never nack and so close a
 * channel. The parked row in PostgreSQL, written first, is what holds the message for the operator;
 * the dead-letter record is the signal for monitoring, so a failed send is logged, not retried
 * forever.
 */
@ApplicationScoped
public class DeadLetters implements DeadLetterSink {

  /** The dead-letter topic prefix; the consumer's name follows. */
  public static final String TOPIC_PREFIX = "keystone.dlt.";

  private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

  @Inject
  @ConfigProperty(name = "KEYSTONE_KAFKA_BOOTSTRAP", defaultValue = "localhost:19092")
  String bootstrap;

  private KafkaProducer<String, String> producer;

  /** Sends the record to {@code keystone.dlt.<consumer>}; waits up to 10 s for the broker. */
  @Override
  public void publish(String consumer, IncomingRecord record, Throwable error, int attempts) {
    var out = new ProducerRecord<>(TOPIC_PREFIX + consumer, record.key(), record.value());
    header(out, "keystone-consumer", consumer);
    header(out, "keystone-error-class", error.getClass().getName());
    header(out, "keystone-error-message", describe(error));
    header(out, "keystone-attempts", Integer.toString(attempts));
    header(out, "keystone-original-topic", record.topic());
    header(out, "keystone-original-partition", Integer.toString(record.partition()));
    header(out, "keystone-original-offset", Long.toString(record.offset()));
    try {
      producer().send(out).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "Could not dead-letter " + record + "; it stays parked", e);
    }
  }

  private synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              KafkaClientSecurity.with(
                  Map.<String, Object>of(
                      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                      ProducerConfig.ACKS_CONFIG, "all",
                      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                      ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                      ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000",
                      ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000")),
              new StringSerializer(),
              new StringSerializer());
    }
    return producer;
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(2));
    }
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    var text = value.length() > 2000 ? value.substring(0, 2000) : value;
    record.headers().add(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The error and its root cause as one line of at most 2,000 characters. */
  public static String describe(Throwable error) {
    var root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    var text = error + (root == error ? "" : " / cause: " + root);
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }
}
