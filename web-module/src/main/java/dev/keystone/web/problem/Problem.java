package dev.keystone.web.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document; {@code errors} lists field violations, one entry per field. */
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

  /** The response carrying this problem. */
  public Response toResponse() {
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
  }
}
