package dev.keystone.platform.tracing;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link Spanned}'s span. Its priority puts it outside {@code @Transactional}'s interceptor
 * (PLATFORM_BEFORE + 200) and the cache's (PLATFORM_BEFORE + 100), so the span covers the whole
 * transaction and the cache's spans are its children.
 */
@Spanned
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 50)
public class SpannedInterceptor {

  @Inject Tracing tracing;

  @AroundInvoke
  Object span(InvocationContext call) throws Exception {
    if (!tracing.enabled()) {
      return call.proceed(); // OpenTelemetry off: not even a no-op span (a cache hit runs here)
    }
    var type = call.getMethod().getDeclaringClass();
    var span =
        tracing
            .tracer("dev.keystone.service")
            .spanBuilder(type.getSimpleName() + "." + call.getMethod().getName())
            .setAttribute("code.namespace", type.getName())
            .setAttribute("code.function", call.getMethod().getName())
            .startSpan();
    return Spans.within(span, current -> call.proceed());
  }
}
