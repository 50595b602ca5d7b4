package dev.keystone.web.gateway.auth;

import dev.keystone.platform.problem.Problem;
import dev.keystone.platform.token.TokenRefused;
import dev.keystone.web.gateway.GatewayLog;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses what the caller may not do, as problem+json: 401 (with an RFC 6750 {@code
 * WWW-Authenticate} challenge) when there is no valid token, in the same shape as the consumers WAR
 * ({@link TokenRefused#toResponse()}); 403 when the token's roles do not open the route ({@link
 * AccessPolicy}). Runs after the rate limiter.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

  @Inject CallerIdentity identity;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(AuthenticationFilter.REFUSAL) instanceof TokenRefused refused) {
      GatewayLog.refused(refused.status(), request, refused.getMessage());
      request.abortWith(refused.toResponse());
      return;
    }
    var caller = identity.caller();
    var path = request.getUriInfo().getPath();
    if (!AccessPolicy.allows(request.getMethod(), path, caller.roles())) {
      var detail = "Your role may not " + request.getMethod() + " /api/" + trim(path) + ".";
      GatewayLog.refused(403, request, detail);
      request.abortWith(Problem.of(403, "forbidden", "Forbidden", detail).toResponse());
    }
  }

  private static String trim(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
