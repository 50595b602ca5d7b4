package dev.keystone.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SpansTest {

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Span span = recording();

  @Test
  void theWorkRunsWithTheSpanCurrentAndTheSpanEndsAfterIt() {
    var seen =
        Spans.within(
            span,
            current -> {
              calls.add("work");
              return Span.current() == span && current == span;
            });

    assertThat(seen).as("the span is current while the work runs").isTrue();
    assertThat(calls).containsExactly("work", "end");
    assertThat(Span.current()).as("no longer current afterwards").isNotSameAs(span);
  }

  @Test
  void aFailureIsRecordedMarksTheSpanAndIsRethrownAsItWas() {
    var failure = new IOException("redis went away");

    assertThatThrownBy(
            () ->
                Spans.within(
                    span,
                    current -> {
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(calls).containsExactly("recordException redis went away", "setStatus ERROR", "end");
  }

  /** A span that writes down what is done with it; its context is the invalid one. */
  private Span recording() {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "recordException" -> {
                calls.add("recordException " + ((Throwable) args[0]).getMessage());
                yield proxy;
              }
              case "setStatus" -> {
                calls.add("setStatus " + (StatusCode) args[0]);
                yield proxy;
              }
              case "end" -> {
                calls.add("end");
                yield null;
              }
              case "getSpanContext" -> SpanContext.getInvalid();
              case "isRecording" -> true;
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "toString" -> "recording span";
              default ->
                  method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : proxy;
            };
    return (Span)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Span.class}, handler);
  }
}
