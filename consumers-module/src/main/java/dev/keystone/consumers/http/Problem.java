package dev.keystone.consumers.http;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document of the consumers' own API ({@code application/problem+json}). The
 * consumers WAR shares no code with the application, so it has its own, with the same shape.
 */
public record Problem(String type, String title, int status, String detail) {

  private static final String TYPES = "https://keystone.dev/problems/";

  /** 400: a parameter is missing or malformed. */
  public static Response badRequest(String detail) {
    return response(new Problem(TYPES + "invalid-request", "Invalid request", 400, detail));
  }

  /** 404: nothing by that name. */
  public static Response notFound(String detail) {
    return response(new Problem(TYPES + "not-found", "Not found", 404, detail));
  }

  /** 409: the operation could not complete in the current state. */
  public static Response conflict(String detail) {
    return response(new Problem(TYPES + "conflict", "Conflict", 409, detail));
  }

  /** 401: no valid bearer token; the caller adds the challenge. */
  public static Response unauthenticated(String detail) {
    return response(new Problem(TYPES + "unauthenticated", "Unauthenticated", 401, detail));
  }

  /** 403: a valid token whose roles do not open the route. */
  public static Response forbidden(String detail) {
    return response(new Problem(TYPES + "forbidden", "Forbidden", 403, detail));
  }

  /** 503: tokens cannot be verified at all (no usable key configured; the log says why). */
  public static Response authenticationUnavailable() {
    return response(
        new Problem(
            TYPES + "authentication-unavailable",
            "Authentication unavailable",
            503,
            "The server cannot verify tokens; see its log."));
  }

  private static Response response(Problem problem) {
    return Response.status(problem.status())
        .type("application/problem+json")
        .header("Cache-Control", "no-store")
        .entity(problem)
        .build();
  }
}
