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
    var id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    correlation.set(id);
    request.setProperty(HEADER, id);
    LogContext.put(id);
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
