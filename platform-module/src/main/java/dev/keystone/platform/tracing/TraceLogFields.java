package dev.keystone.platform.tracing;

import io.opentelemetry.api.trace.Span;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Puts the current span's trace and span ids on every log line, as the JSON log fields {@code
 * ext_traceId} and {@code ext_spanId} (docs/tracing.md): two extensions registered with Liberty's
 * {@code LogRecordContext}, which asks them for their value whenever a record is logged, on the
 * logging thread. Looked up reflectively, like the correlation id's (so unit tests run without
 * Liberty); Liberty holds extensions weakly, so this bean keeps them.
 */
@ApplicationScoped
public class TraceLogFields {

  private static final Logger LOG = Logger.getLogger(TraceLogFields.class.getName());
  private static final String CONTEXT = "com.ibm.websphere.logging.hpel.LogRecordContext";

  private final List<Object> registered = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();

  void register(@Observes Startup startup) {
    register(
        "traceId",
        () -> valid(Span.current()) ? Span.current().getSpanContext().getTraceId() : null);
    register(
        "spanId", () -> valid(Span.current()) ? Span.current().getSpanContext().getSpanId() : null);
  }

  private static boolean valid(Span span) {
    return span.getSpanContext().isValid();
  }

  private synchronized void register(String key, Supplier<String> value) {
    try {
      var context = Class.forName(CONTEXT);
      var extension = Class.forName(CONTEXT + "$Extension");
      var proxy =
          Proxy.newProxyInstance(
              extension.getClassLoader(),
              new Class<?>[] {extension},
              (self, method, args) ->
                  switch (method.getName()) {
                    case "getValue" -> value.get();
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> "trace log field " + key;
                  });
      context.getMethod("registerExtension", String.class, extension).invoke(null, key, proxy);
      registered.add(proxy);
      keys.add(key);
    } catch (ClassNotFoundException e) {
      // not on Liberty: log lines carry no trace ids
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another module of the same server registered it first: its lines carry the ids already
      LOG.fine(() -> "trace log field " + key + " not registered: " + e);
    }
  }

  @PreDestroy
  synchronized void unregister() {
    for (var key : keys) {
      try {
        Class.forName(CONTEXT).getMethod("unregisterExtension", String.class).invoke(null, key);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the server is stopping; nothing to keep clean
      }
    }
    keys.clear();
    registered.clear();
  }
}
