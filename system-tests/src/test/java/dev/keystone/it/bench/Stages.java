package dev.keystone.it.bench;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Which stage of a request a CPU sample belongs to. The innermost Keystone frame decides (the code
 * a filter or the cache calls, JSON parsing or Jedis included, counts as that filter's or the
 * cache's); a sample without a Keystone frame is classified by the innermost frame of a known
 * library (metrics, logging, serialisation, CDI, JAX-RS, the container); the rest is "container,
 * other". Samples of threads other than Liberty's request executor are "other threads".
 */
final class Stages {

  static final String GATEWAY = "gateway: ";
  static final String OTHER_THREADS = "other threads (timers, consumers, GC-free JVM work)";
  static final String OUTBOX_THREADS = "outbox: relay and Kafka producer threads";
  static final String CONTAINER_OTHER = "container, other";

  private record Rule(String prefix, String stage) {}

  private static final List<Rule> KEYSTONE =
      List.of(
          new Rule("dev.keystone.platform.token.", GATEWAY + "token verification"),
          new Rule("dev.keystone.web.gateway.auth.Authorization", GATEWAY + "authorization"),
          new Rule("dev.keystone.web.gateway.auth.AccessPolicy", GATEWAY + "authorization"),
          new Rule("dev.keystone.web.gateway.auth.", GATEWAY + "authentication filter"),
          new Rule("dev.keystone.web.gateway.ratelimit.", GATEWAY + "rate limiter"),
          new Rule("dev.keystone.web.gateway.LogContext", GATEWAY + "log context"),
          new Rule("dev.keystone.web.gateway.CorrelationFilter", GATEWAY + "correlation id"),
          new Rule("dev.keystone.platform.correlation.", GATEWAY + "correlation id"),
          new Rule("dev.keystone.web.gateway.hardening.Security", GATEWAY + "security headers"),
          new Rule("dev.keystone.web.gateway.hardening.BodyLimit", GATEWAY + "body limit"),
          new Rule("dev.keystone.web.gateway.", GATEWAY + "other"),
          new Rule("dev.keystone.cache.", "cache"),
          new Rule("dev.keystone.outbox.", "outbox"),
          new Rule("dev.keystone.web.http.IdempotentPosts", "idempotency"),
          new Rule("dev.keystone.domain.idempotency.", "idempotency"),
          new Rule("dev.keystone.", "resource and domain"));

  private static final List<Rule> LIBRARIES =
      List.of(
          new Rule("io.smallrye.metrics.", "metrics"),
          new Rule("io.openliberty.microprofile.metrics", "metrics"),
          new Rule("com.ibm.ws.microprofile.metrics", "metrics"),
          new Rule("io.micrometer.", "metrics"),
          new Rule("java.util.logging.", "logging"),
          new Rule("com.ibm.ws.logging.", "logging"),
          new Rule("com.ibm.websphere.logging.", "logging"),
          new Rule("jakarta.json.", "serialisation"),
          new Rule("org.eclipse.parsson.", "serialisation"),
          new Rule("org.glassfish.json.", "serialisation"),
          new Rule("org.eclipse.yasson.", "serialisation"),
          new Rule("org.jboss.weld.", "CDI"),
          new Rule("com.ibm.ws.cdi.", "CDI"),
          new Rule("io.openliberty.cdi", "CDI"),
          new Rule("org.eclipse.persistence.", "JPA"),
          new Rule("org.postgresql.", "JDBC"),
          new Rule("com.ibm.ws.rsadapter.", "JDBC"),
          new Rule("com.ibm.ejs.j2c.", "JDBC"),
          new Rule("com.ibm.tx.", "transactions"),
          new Rule("com.ibm.ws.tx.", "transactions"),
          new Rule("org.apache.kafka.", "Kafka client"),
          new Rule("org.jboss.resteasy.", "JAX-RS"),
          new Rule("io.openliberty.org.jboss.resteasy.", "JAX-RS"),
          new Rule("io.openliberty.restfulWS", "JAX-RS"),
          new Rule("com.ibm.ws.jaxrs", "JAX-RS"),
          new Rule("org.apache.cxf.", "JAX-RS"),
          new Rule("com.ibm.ws.security.", "container: security"),
          new Rule("com.ibm.ws.webcontainer.security.", "container: security"),
          new Rule("com.ibm.ws.", "container"),
          new Rule("com.ibm.wsspi.", "container"),
          new Rule("com.ibm.io.", "container"),
          new Rule("io.netty.", "container"),
          new Rule("io.openliberty.", "container"));

  private Stages() {}

  /** The stage of one sample of {@code thread} with {@code stack} (top frame first). */
  static String of(String thread, RecordedStackTrace stack) {
    if (thread == null || !thread.contains("Executor-thread")) {
      boolean outbox =
          thread != null && thread.contains("kafka-producer")
              || stack != null && "outbox".equals(first(stack.getFrames(), KEYSTONE));
      return outbox ? OUTBOX_THREADS : OTHER_THREADS;
    }
    if (stack == null) {
      return CONTAINER_OTHER;
    }
    var frames = stack.getFrames();
    var keystone = first(frames, KEYSTONE);
    if (keystone != null) {
      return keystone;
    }
    var library = first(frames, LIBRARIES);
    return library != null ? library : CONTAINER_OTHER;
  }

  private static String first(List<RecordedFrame> frames, List<Rule> rules) {
    for (var frame : frames) {
      var method = frame.getMethod();
      if (method == null || method.getType() == null) {
        continue;
      }
      var type = method.getType().getName();
      for (var rule : rules) {
        if (type.startsWith(rule.prefix())) {
          return rule.stage();
        }
      }
    }
    return null;
  }
}
