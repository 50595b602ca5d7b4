package dev.keystone.bench;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Every bench endpoint wants the bearer token the benchmark sends to the shop's API, verified
 * against the same key, issuer and audience ({@link BenchTokens}): a reference point then pays for
 * the token check as a real request does, and the bench WAR answers nobody without a token.
 */
@Priority(Priorities.AUTHENTICATION)
public class BearerCheck implements ContainerRequestFilter {

  private static final String PREFIX = "Bearer ";

  private final BenchTokens tokens;

  BearerCheck(BenchTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    var header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(PREFIX) || !tokens.valid(header.substring(7))) {
      request.abortWith(
          Response.fromResponse(Problems.of(401))
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
              .build());
    }
  }
}
