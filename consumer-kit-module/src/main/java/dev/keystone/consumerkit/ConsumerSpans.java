package dev.keystone.consumerkit;

import dev.keystone.platform.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The spans of a consumer's work on one event (docs/tracing.md); the kit starts them for every
 * effect, and a consumer that handles its messages itself (without {@link ConsumerKit#handle})
 * starts its delivery span here too. A delivery from the topic is a child of the context the event
 * carries (the writing request's outbox insert), so the effect joins the request's trace whether
 * the relay or the sweeper published it. A replay from the parking table is a child of the
 * operator's call that replays it, linked to the event's origin: the operator caused it, the
 * request only explains it.
 */
@ApplicationScoped
public class ConsumerSpans {

  private static final String SCOPE = "dev.keystone.consumerkit";

  @Inject Tracing tracing;

  /** A delivery's span; parented on the event's context when it carries one. */
  public Span delivery(String consumer, IncomingRecord record, ReceivedEvent event) {
    var builder =
        named(consumer + " process " + (event == null ? "malformed" : event.type()), consumer)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.kafka.message.key", record.key())
            .setAttribute("messaging.kafka.destination.partition", record.partition())
            .setAttribute("messaging.kafka.message.offset", record.offset());
    if (event != null) {
      builder.setAttribute("messaging.message.id", event.id().toString());
      if (event.trace().present()) {
        builder.setParent(event.trace().asParent());
      }
    }
    return builder.startSpan();
  }

  /** A replay's span: a child of the current (operator's) span, linked to the event's origin. */
  public Span replay(String consumer, ReceivedEvent event) {
    var builder =
        named(consumer + " replay " + event.type(), consumer)
            .setParent(Context.current())
            .setAttribute("messaging.message.id", event.id().toString());
    if (event.trace().present()) {
      builder.addLink(Span.fromContext(event.trace().asParent()).getSpanContext());
    }
    return builder.startSpan();
  }

  private SpanBuilder named(String name, String consumer) {
    // without a container (unit tests) there is no Tracing: no-op spans
    var tracer = tracing == null ? OpenTelemetry.noop().getTracer(SCOPE) : tracing.tracer(SCOPE);
    return tracer
        .spanBuilder(name)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.consumer.group.name", consumer)
        .setAttribute("keystone.consumer", consumer);
  }
}
