package dev.keystone.web.gateway;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.logging.Logger;

/**
 * The gateway's one log line per refused request (401, 403, 413, 429), so an operator can see who
 * was refused and why; the correlation id is on the line as {@code ext_correlationId}.
 */
public final class GatewayLog {
  private static final Logger LOG = Logger.getLogger("dev.keystone.web.gateway");

  private GatewayLog() {}

  public static void refused(int status, ContainerRequestContext request, String reason) {
    LOG.info(
        () ->
            "Refused "
                + status
                + " "
                + request.getMethod()
                + " "
                + request.getUriInfo().getRequestUri().getRawPath()
                + ": "
                + reason);
  }
}
