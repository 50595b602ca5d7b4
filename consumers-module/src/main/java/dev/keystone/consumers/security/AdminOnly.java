package dev.keystone.consumers.security;

import dev.keystone.platform.problem.Problem;
import dev.keystone.platform.token.TokenAuthority;
import dev.keystone.platform.token.TokenRefused;
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
 * added later: closed by default) is for administrators (the route table in docs/api.md). The token
 * is checked by platform-module's {@link TokenAuthority}, the same verifier and the same refusal as
 * {@code /api}: no valid bearer token is a 401 with an RFC 6750 challenge, no usable key a 503, and
 * a valid token without the {@code admin} role a 403, each as application/problem+json. Health is
 * Liberty's own endpoint, outside this WAR, and stays public.
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

  @Inject TokenAuthority authority;

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      var token = authority.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
      if (!token.groups().contains(ROLE)) {
        LOG.fine(() -> "403 " + request.getMethod() + " " + request.getUriInfo().getPath());
        request.abortWith(
            Problem.forbidden("Only administrators may use the consumers' API (/consumers)."));
      }
    } catch (TokenRefused e) {
      LOG.fine(
          () ->
              e.status()
                  + " "
                  + request.getMethod()
                  + " "
                  + request.getUriInfo().getPath()
                  + ": "
                  + e.getMessage());
      request.abortWith(e.toResponse());
    }
  }
}
