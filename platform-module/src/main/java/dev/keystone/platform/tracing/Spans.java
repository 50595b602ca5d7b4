package dev.keystone.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * Runs work inside a started span the one way the libraries do it (docs/tracing.md): the span is
 * current while the work runs, so spans the work starts are its children; a failure is recorded on
 * it and marks it as an error; it ends whatever happens.
 */
public final class Spans {

  private Spans() {}

  /** Work that runs inside a span and may add attributes to it. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run(Span span) throws E;
  }

  /** Runs {@code work} inside {@code span}, then ends it; what {@code work} throws is rethrown. */
  public static <T, E extends Exception> T within(Span span, Work<T, E> work) throws E {
    try (var scope = span.makeCurrent()) {
      return work.run(span);
    } catch (Exception | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }
}
