package dev.keystone.web.gateway.ratelimit;

import dev.keystone.platform.problem.Problem;
import dev.keystone.web.gateway.GatewayLog;
import dev.keystone.web.gateway.auth.CallerIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Rate limiting at the gateway: one token per request from the caller's bucket for the route class
 * (reads = GET/HEAD/OPTIONS, writes = the rest; every request without a valid token is {@code
 * anonymous}, keyed by client address). Over the limit: 429 problem+json with {@code Retry-After};
 * every answer carries {@code RateLimit-Policy} and {@code RateLimit}. Runs after authentication
 * (it needs the caller) and before authorization (so floods of bad tokens are limited as well).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String DECISION = "keystone.rate-limit";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject RateLimiter limiter;
  @Inject CallerIdentity identity;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!limiter.enabled()) {
      return;
    }
    var caller = identity.caller();
    var decision =
        caller.authenticated()
            ? limiter.take(
                READS.contains(request.getMethod()) ? "reads" : "writes", caller.subject())
            : limiter.take("anonymous", "ip:" + servletRequest.getRemoteAddr());
    request.setProperty(DECISION, decision);
    if (!decision.allowed()) {
      GatewayLog.refused(429, request, "over " + decision.policyHeader());
      var response =
          Problem.of(
                  429,
                  "rate-limited",
                  "Too many requests",
                  "Rate limit "
                      + decision.policy().name()
                      + " exceeded; retry in "
                      + decision.retryAfterSeconds()
                      + " s.")
              .toResponse();
      response.getHeaders().putSingle("Retry-After", Long.toString(decision.retryAfterSeconds()));
      request.abortWith(response);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(DECISION) instanceof Decision decision) {
      response.getHeaders().putSingle("RateLimit-Policy", decision.policyHeader());
      response.getHeaders().putSingle("RateLimit", decision.header());
    }
  }
}
