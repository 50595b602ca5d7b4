package dev.keystone.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The tracer the libraries start their spans with: the {@link OpenTelemetry} instance that
 * Liberty's mpTelemetry feature provides to CDI, or a no-op one when none is (a server that runs
 * the libraries with the OpenTelemetry API packaged but without the feature). With the feature on
 * and OpenTelemetry off ({@code OTEL_SDK_DISABLED}, the default) every span is a no-op too, and
 * {@link #enabled()} lets a hot path skip building one at all.
 */
@ApplicationScoped
public class Tracing {

  @Inject Instance<OpenTelemetry> openTelemetry;

  private volatile OpenTelemetry resolved;
  private volatile Boolean enabled;

  /** A {@code Tracing} over {@code openTelemetry}, for code that runs without a container. */
  public static Tracing of(OpenTelemetry openTelemetry) {
    var tracing = new Tracing();
    tracing.resolved = openTelemetry;
    return tracing;
  }

  /**
   * The tracer of one instrumentation scope, e.g. {@code dev.keystone.outbox}.
   *
   * @param scope the library's package, so that an operator sees which library made a span
   */
  public Tracer tracer(String scope) {
    return openTelemetry().getTracer(scope);
  }

  /**
   * True if OpenTelemetry is on: its tracers make real spans, sampled or not. Off (the default), a
   * span is a no-op, yet building one still costs its name, its attributes and a context switch:
   * code run on every request (a cache hit) asks this and then builds no span at all. Decided once,
   * by one probe span that is never ended, so never exported.
   */
  public boolean enabled() {
    var on = enabled;
    if (on == null) {
      on = makesSpans(tracer("dev.keystone.platform.tracing"));
      enabled = on;
    }
    return on;
  }

  /** A no-op tracer answers a span without a parent with the invalid context; an SDK's has ids. */
  static boolean makesSpans(Tracer tracer) {
    return tracer
        .spanBuilder("keystone tracing probe")
        .setNoParent()
        .startSpan()
        .getSpanContext()
        .isValid();
  }

  private OpenTelemetry openTelemetry() {
    var otel = resolved;
    if (otel == null) {
      otel = openTelemetry.isResolvable() ? openTelemetry.get() : OpenTelemetry.noop();
      resolved = otel;
    }
    return otel;
  }
}
