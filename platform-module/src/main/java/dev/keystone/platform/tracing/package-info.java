/**
 * Tracing for the libraries and both WARs (docs/tracing.md): the W3C trace context that an event
 * carries from the request that wrote it to every consumer ({@link TraceContext}), the tracer the
 * libraries start their spans with ({@link Tracing}), a span around each application-service call
 * ({@link Spanned}), and the trace and span ids on every log line ({@link TraceLogFields}). Built
 * on the OpenTelemetry API of Liberty's mpTelemetry feature; with OpenTelemetry off every span is a
 * no-op.
 */
package dev.keystone.platform.tracing;
