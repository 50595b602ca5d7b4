package dev.keystone.web;

import dev.keystone.platform.problem.Problem;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The application's HTTP API, under {@code /api}. The OpenAPI document (served at {@code /openapi},
 * browsable at {@code /openapi/ui}) declares the error responses once here; operations refer to
 * them by name.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Keystone shop API",
            version = "1",
            description =
                "Catalog, customers and orders. Errors are application/problem+json (RFC 9457)."),
    tags = {
      @Tag(name = "products", description = "The catalog and its stock"),
      @Tag(name = "customers", description = "Customer registration"),
      @Tag(name = "orders", description = "Placing and cancelling orders"),
      @Tag(name = "caller", description = "Who the bearer token says the caller is"),
      @Tag(name = "ops", description = "Operators' tools (admin only)")
    },
    components =
        @org.eclipse.microprofile.openapi.annotations.Components(
            responses = {
              @APIResponse(
                  name = KeystoneApi.BAD_REQUEST,
                  responseCode = "400",
                  description =
                      "Invalid fields (one entry per field), malformed JSON, unknown fields",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "invalid",
                                  value =
                                      "{\"type\":\"https://keystone.dev/problems/invalid-request\","
                                          + "\"title\":\"Invalid request\",\"status\":400,"
                                          + "\"detail\":\"The request has invalid fields.\","
                                          + "\"errors\":[{\"field\":\"price\","
                                          + "\"message\":\"must be greater than or equal to 0.00\"}]}"))),
              @APIResponse(
                  name = KeystoneApi.NOT_FOUND,
                  responseCode = "404",
                  description = "No such resource",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = KeystoneApi.CONFLICT,
                  responseCode = "409",
                  description =
                      "Contradicts the current state (duplicate, insufficient stock, not cancellable)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = "Problem"),
                          examples =
                              @ExampleObject(
                                  name = "insufficient-stock",
                                  value =
                                      "{\"type\":\"https://keystone.dev/problems/insufficient-stock\","
                                          + "\"title\":\"Conflict\",\"status\":409,"
                                          + "\"detail\":\"Product 7 (ANVIL-1) has 0 in stock, 1 requested.\"}"))),
              @APIResponse(
                  name = KeystoneApi.PRECONDITION_FAILED,
                  responseCode = "412",
                  description = "If-Match names a version that is no longer current",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = KeystoneApi.UNSUPPORTED,
                  responseCode = "415",
                  description = "The body is not application/json",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = KeystoneApi.UNPROCESSABLE,
                  responseCode = "422",
                  description =
                      "Unknown customer or product, mixed currencies, a product on two lines, or an"
                          + " Idempotency-Key reused with a different body",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = KeystoneApi.PRECONDITION_REQUIRED,
                  responseCode = "428",
                  description = "If-Match is missing",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
            }))
public class KeystoneApi extends Application {

  public static final String BAD_REQUEST = "BadRequest";
  public static final String NOT_FOUND = "NotFound";
  public static final String CONFLICT = "Conflict";
  public static final String PRECONDITION_FAILED = "PreconditionFailed";
  public static final String UNSUPPORTED = "UnsupportedMediaType";
  public static final String UNPROCESSABLE = "Unprocessable";
  public static final String PRECONDITION_REQUIRED = "PreconditionRequired";

  /**
   * The gateway's refusals, on every operation (class-level on each resource); described with their
   * headers in META-INF/openapi.yaml.
   */
  public static final String UNAUTHORIZED = "Unauthorized";

  public static final String FORBIDDEN = "Forbidden";
  public static final String TOO_MANY_REQUESTS = "TooManyRequests";
}
