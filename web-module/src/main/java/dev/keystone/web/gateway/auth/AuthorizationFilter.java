package dev.keystone.web.gateway.auth;

import dev.keystone.platform.problem.Problem;
import dev.keystone.web.gateway.GatewayLog;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses what the caller may not do, as problem+json: 401 (with an RFC 6750 {@code
 * WWW-Authenticate} challenge) when there is no valid token, 403 when the token's roles do not open
 * the route ({@link AccessPolicy}). Runs after the rate limiter.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

  @Inject CallerIdentity identity;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(AuthenticationFilter.UNCONFIGURED) != null) {
      request.abortWith(
          Problem.of(
                  503,
                  "authentication-unavailable",
                  "Authentication unavailable",
                  "The server cannot verify tokens; see its log.")
              .toResponse());
      return;
    }
    var failure = (String) request.getProperty(AuthenticationFilter.FAILURE);
    if (failure != null) {
      GatewayLog.refused(401, request, failure);
      var challenge =
          AuthenticationFilter.MISSING.equals(failure)
              ? "Bearer realm=\"keystone\""
              : "Bearer realm=\"keystone\", error=\"invalid_token\", error_description=\""
                  + failure
                  + "\"";
      var response = Problem.of(401, "unauthenticated", "Unauthenticated", failure).toResponse();
      response.getHeaders().putSingle("WWW-Authenticate", challenge);
      request.abortWith(response);
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
