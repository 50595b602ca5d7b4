package dev.keystone.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whether OpenTelemetry is on, as a hot path asks it before building a span. */
class TracingTest {

  @Test
  void aNoOpOpenTelemetryIsOff() {
    assertThat(Tracing.of(OpenTelemetry.noop()).enabled()).isFalse();
  }

  @Test
  void anOpenTelemetryWhoseSpansHaveIdsIsOnAndIsProbedOnce() {
    var probes = new AtomicInteger();
    var tracing = Tracing.of(withIds(probes));

    assertThat(tracing.enabled()).isTrue();
    assertThat(tracing.enabled()).isTrue();
    assertThat(probes).as("decided once").hasValue(1);
  }

  @Test
  void aProbeInsideAnotherSpanStillSeesANoOpTracer() {
    var parent =
        Span.wrap(
            SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault()));
    try (var scope = parent.makeCurrent()) {
      // a no-op tracer propagates the current span: the probe asks for a root to tell them apart
      assertThat(Tracing.makesSpans(OpenTelemetry.noop().getTracer("t"))).isFalse();
    }
  }

  /** An OpenTelemetry like the SDK's: every span started has a valid context. */
  private static OpenTelemetry withIds(AtomicInteger started) {
    Tracer tracer =
        name ->
            (SpanBuilder)
                Proxy.newProxyInstance(
                    SpanBuilder.class.getClassLoader(),
                    new Class<?>[] {SpanBuilder.class},
                    (proxy, method, args) -> {
                      if (!method.getName().equals("startSpan")) {
                        return proxy;
                      }
                      started.incrementAndGet();
                      return Span.wrap(
                          SpanContext.create(
                              "4bf92f3577b34da6a3ce929d0e0e4736",
                              "00f067aa0ba902b7",
                              TraceFlags.getDefault(),
                              TraceState.getDefault()));
                    });
    var provider =
        new TracerProvider() {
          @Override
          public Tracer get(String scope) {
            return tracer;
          }

          @Override
          public Tracer get(String scope, String version) {
            return tracer;
          }
        };
    return new OpenTelemetry() {
      @Override
      public TracerProvider getTracerProvider() {
        return provider;
      }

      @Override
      public ContextPropagators getPropagators() {
        return ContextPropagators.noop();
      }
    };
  }
}
