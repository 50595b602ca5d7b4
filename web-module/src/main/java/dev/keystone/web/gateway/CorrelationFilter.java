package dev.keystone.web.gateway;

import dev.keystone.platform.correlation.Correlation;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Accepts the caller's {@code X-Request-Id} when it is a sane token, otherwise creates one; echoes
 * it on the response and hands it to the application service, which stamps it on every event the
 * request causes, and puts it on every log line the request writes ({@link LogContext}).
 */
@Provider
@PreMatching
public class CorrelationFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Inject Correlation correlation;

  @Override
  public void filter(ContainerRequestContext request) {
    var given = request.getHeaderString(HEADER);
    var id = given != null && SANE.matcher(given).matches() ? given : newId();
    correlation.set(id);
    request.setProperty(HEADER, id);
    LogContext.put(id);
  }

  /**
   * A random version-4 UUID. A request id names a request in logs and events and guards nothing, so
   * it needs uniqueness, not unpredictability: {@link UUID#randomUUID()} draws from the shared
   * {@code SecureRandom}, whose lock every request thread would queue on.
   */
  static String newId() {
    var random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    var id = request.getProperty(HEADER);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    LogContext.clear();
  }
}
