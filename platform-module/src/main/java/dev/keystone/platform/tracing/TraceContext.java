package dev.keystone.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W3C Trace Context (https://www.w3.org/TR/trace-context/) as text: the {@code traceparent} and
 * {@code tracestate} an outbox row stores and an event carries (docs/tracing.md). Both null when
 * there was no sampled-or-not trace to carry, e.g. with OpenTelemetry off.
 */
public record TraceContext(String traceparent, String tracestate) {

  /** No context: an event written outside any trace. */
  public static final TraceContext NONE = new TraceContext(null, null);

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<TraceContext> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
          return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
          if (carrier == null) {
            return null;
          }
          return "traceparent".equals(key) ? carrier.traceparent : carrier.tracestate;
        }
      };

  /** The context of the span current on this thread; {@link #NONE} when there is none. */
  public static TraceContext current() {
    var context = Context.current();
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return NONE;
    }
    Map<String, String> headers = new HashMap<>(2);
    W3C.inject(context, headers, Map::put);
    var state = headers.get("tracestate");
    return new TraceContext(
        headers.get("traceparent"), state == null || state.isEmpty() ? null : state);
  }

  /**
   * The remote parent this context names, for a span that continues its trace; {@link
   * Context#root()} when it names none (absent or not a valid traceparent).
   */
  public Context asParent() {
    if (traceparent == null) {
      return Context.root();
    }
    return W3C.extract(Context.root(), this, GETTER);
  }

  /** Whether a valid trace is named. */
  public boolean present() {
    return Span.fromContext(asParent()).getSpanContext().isValid();
  }

  /** The 32-hex-digit trace id; null when none is named. */
  public String traceId() {
    var span = Span.fromContext(asParent()).getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }
}
