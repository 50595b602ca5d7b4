package dev.keystone.platform.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document, the one error shape of both WARs; {@code errors} lists field
 * violations, one entry per field. The {@code type} is {@code
 * https://keystone.dev/problems/<slug>}.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://keystone.dev/problems/";

  /** One invalid field and why. */
  @Schema(name = "FieldError", description = "One invalid field, e.g. lines[0].quantity")
  public record FieldError(String field, String message) {}

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, null);
  }

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, detail, errors);
  }

  /** 400: a parameter is missing or malformed. */
  public static Response badRequest(String detail) {
    return of(400, "invalid-request", "Invalid request", detail).toResponse();
  }

  /** 404: nothing by that name. */
  public static Response notFound(String detail) {
    return of(404, "not-found", "Not found", detail).toResponse();
  }

  /** 409: the operation could not complete in the current state. */
  public static Response conflict(String detail) {
    return of(409, "conflict", "Conflict", detail).toResponse();
  }

  /** 401: no valid bearer token; the caller adds the challenge. */
  public static Response unauthenticated(String detail) {
    return of(401, "unauthenticated", "Unauthenticated", detail).toResponse();
  }

  /** 403: a valid token whose roles do not open the route. */
  public static Response forbidden(String detail) {
    return of(403, "forbidden", "Forbidden", detail).toResponse();
  }

  /** 503: tokens cannot be verified at all (no usable key configured; the log says why). */
  public static Response authenticationUnavailable() {
    return of(
            503,
            "authentication-unavailable",
            "Authentication unavailable",
            "The server cannot verify tokens; see its log.")
        .toResponse();
  }

  /** The response carrying this problem; never stored by a cache. */
  public Response toResponse() {
    return builder().build();
  }

  /** The response carrying this problem and when to try again (a 503's or a 429's). */
  public Response toResponse(int retryAfterSeconds) {
    return builder().header("Retry-After", retryAfterSeconds).build();
  }

  private Response.ResponseBuilder builder() {
    return Response.status(status)
        .type(MediaType.valueOf(MEDIA_TYPE))
        .header("Cache-Control", "no-store")
        .entity(this);
  }
}
