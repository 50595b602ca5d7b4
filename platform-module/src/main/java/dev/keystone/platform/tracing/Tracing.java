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
 * and OpenTelemetry off ({@code OTEL_SDK_DISABLED}, the default) every span is a no-op too.
 */
@ApplicationScoped
public class Tracing {

  @Inject Instance<OpenTelemetry> openTelemetry;

  private volatile OpenTelemetry resolved;

  /**
   * The tracer of one instrumentation scope, e.g. {@code dev.keystone.outbox}.
   *
   * @param scope the library's package, so that an operator sees which library made a span
   */
  public Tracer tracer(String scope) {
    return openTelemetry().getTracer(scope);
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
