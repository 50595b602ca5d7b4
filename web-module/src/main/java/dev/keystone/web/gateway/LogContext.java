package dev.keystone.web.gateway;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Puts the request's correlation id on every log record the request's thread writes, as the JSON
 * log field {@code ext_correlationId}: Liberty's {@code LogRecordContext} (an ibm-api, visible to
 * applications by default) is the MDC of {@code java.util.logging} there. Looked up reflectively so
 * the WAR compiles without Liberty's API jar and unit tests run without Liberty (then it does
 * nothing).
 */
final class LogContext {
  static final String KEY = "correlationId";

  private static final MethodHandle ADD;
  private static final MethodHandle REMOVE;

  static {
    MethodHandle add = null;
    MethodHandle remove = null;
    try {
      var type = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
      var lookup = MethodHandles.publicLookup();
      add =
          lookup.findStatic(
              type, "addExtension", MethodType.methodType(void.class, String.class, String.class));
      remove =
          lookup.findStatic(
              type, "removeExtension", MethodType.methodType(boolean.class, String.class));
    } catch (ReflectiveOperationException | LinkageError e) {
      // not on Liberty: log lines simply carry no extension
    }
    ADD = add;
    REMOVE = remove;
  }

  private LogContext() {}

  static void put(String correlationId) {
    if (ADD != null) {
      try {
        ADD.invoke(KEY, correlationId);
      } catch (Throwable e) {
        // logging context is best effort; the request goes on
      }
    }
  }

  static void clear() {
    if (REMOVE != null) {
      try {
        REMOVE.invoke(KEY);
      } catch (Throwable e) {
        // as above
      }
    }
  }
}
