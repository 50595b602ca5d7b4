package dev.keystone.outbox.internal;

import dev.keystone.outbox.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox rows through the Reactive Messaging {@link Emitter} of the events channel, as
 * structured-mode CloudEvents records keyed by aggregate id (docs/outbox.md, "Events on the wire").
 * The only producer of the application's Kafka records.
 */
@ApplicationScoped
public class EmitterEventSender implements EventSender {

  private static final byte[] CONTENT_TYPE =
      "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8);

  @Inject
  @Channel(Topics.EVENTS_CHANNEL)
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
  Emitter<ProducerRecord<String, String>> emitter;

  @Override
  public CompletionStage<Void> send(OutboxRecord record) {
    var kafkaRecord = new ProducerRecord<>(record.topic(), record.aggregateId(), record.payload());
    kafkaRecord.headers().add("content-type", CONTENT_TYPE);
    // the writing request's trace context, as W3C headers too (docs/tracing.md): readable without
    // parsing the value, the way tracing-aware Kafka consumers expect it
    var trace = record.trace();
    if (trace.traceparent() != null) {
      kafkaRecord
          .headers()
          .add("traceparent", trace.traceparent().getBytes(StandardCharsets.UTF_8));
    }
    if (trace.tracestate() != null) {
      kafkaRecord.headers().add("tracestate", trace.tracestate().getBytes(StandardCharsets.UTF_8));
    }
    return emitter.send(kafkaRecord);
  }
}
