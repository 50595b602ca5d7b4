package dev.keystone.consumers.security;

import dev.keystone.platform.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Every resource of the consumers WAR (analytics, audit, parked-message admin and replay, and any
 * added later: closed by default) is for administrators (the route table in docs/api.md): a request
 * without a valid bearer token is refused with 401 and an RFC 6750 challenge, a valid token without
 * the {@code admin} role with 403, both as application/problem+json. Health is Liberty's own
 * endpoint, outside this WAR, and stays public.
 *
 * <p>Why a filter and not Liberty's {@code mpJwt} feature: the WAR runs inside the application's
 * EAR too, where a server-wide {@code mpJwt} would also take over the Admin Center and its own 401
 * has no problem+json body; the gateway decided the same for {@code /api}.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AdminOnly implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(AdminOnly.class.getName());
  static final String ROLE = "admin";
  private static final String REALM = "Bearer realm=\"keystone\"";

  @Inject TrustedIssuer issuer;

  @Override
  public void filter(ContainerRequestContext request) {
    var header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      request.abortWith(challenge(Problem.unauthenticated("No bearer token was sent."), REALM));
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(request, "Only bearer tokens are accepted.");
      return;
    }
    if (issuer.tokens().isEmpty()) {
      request.abortWith(Problem.authenticationUnavailable());
      return;
    }
    try {
      var roles = issuer.roles(header.substring(7).trim());
      if (!roles.contains(ROLE)) {
        LOG.fine(() -> "403 " + request.getMethod() + " " + request.getUriInfo().getPath());
        request.abortWith(
            Problem.forbidden("Only administrators may use the consumers' API (/consumers)."));
      }
    } catch (BearerTokens.Refused e) {
      refuse(request, e.getMessage());
    }
  }

  private static void refuse(ContainerRequestContext request, String why) {
    LOG.fine(
        () -> "401 " + request.getMethod() + " " + request.getUriInfo().getPath() + ": " + why);
    request.abortWith(
        challenge(
            Problem.unauthenticated(why),
            REALM + ", error=\"invalid_token\", error_description=\"" + why + "\""));
  }

  private static jakarta.ws.rs.core.Response challenge(
      jakarta.ws.rs.core.Response response, String challenge) {
    response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return response;
  }
}
