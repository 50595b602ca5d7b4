package dev.keystone.web.http;

import dev.keystone.domain.idempotency.IdempotencyKeys;
import dev.keystone.domain.idempotency.RecordedResponse;
import dev.keystone.web.gateway.auth.CallerIdentity;
import dev.keystone.web.problem.StrictJsonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on a creating {@code POST}: without a key the create simply runs; with
 * one, the application service runs it at most once per key and every retry with the same body gets
 * the first 201 (status, {@code Location}, {@code ETag}, body) and {@code Idempotency-Replayed:
 * true}. The body is compared in canonical JSON, so whitespace and field order do not make a retry
 * look like a different request.
 *
 * <p>A key is scoped by endpoint and by caller (the token's subject): two callers who happen to
 * pick the same key run two creates and never see each other's response. The subject is stored as a
 * SHA-256 digest, so the scope has a fixed length and holds no identity in clear.
 */
@ApplicationScoped
public class IdempotentPosts {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotency-Replayed";
  private static final Pattern SANE = Pattern.compile("[\\x21-\\x7E]{1,255}");

  @Inject IdempotencyKeys keys;
  @Inject CallerIdentity identity;

  /**
   * Runs {@code create} once per {@code key} of {@code endpoint} and the calling subject.
   *
   * @param key the header's value; null runs the create without idempotency
   * @param request the parsed, validated body: its canonical JSON is the request's identity
   * @throws BadRequestException if the key is empty, too long or not printable ASCII
   */
  public Response create(String endpoint, String key, Object request, Supplier<Created> create) {
    if (key == null) {
      return respond(record(create.get()), false);
    }
    if (!SANE.matcher(key).matches()) {
      throw new BadRequestException(
          HEADER + " must be 1 to 255 printable ASCII characters without spaces.");
    }
    var canonical = StrictJsonConfig.jsonb().toJson(request);
    var outcome = keys.execute(scope(endpoint), key, canonical, () -> record(create.get()));
    return respond(outcome.response(), outcome.replayed());
  }

  /** {@code POST /api/orders sub:<sha-256 of the subject>}: fits the key table's 100 characters. */
  private String scope(String endpoint) {
    var subject = identity.caller().subject();
    return endpoint + " sub:" + (subject == null ? "-" : sha256(subject));
  }

  private static String sha256(String value) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static RecordedResponse record(Created created) {
    return new RecordedResponse(
        201,
        created.location().toString(),
        Long.toString(created.version()),
        StrictJsonConfig.jsonb().toJson(created.body()));
  }

  private static Response respond(RecordedResponse recorded, boolean replayed) {
    var response = Response.status(recorded.status()).type(MediaType.APPLICATION_JSON_TYPE);
    if (recorded.location() != null) {
      response.location(URI.create(recorded.location()));
    }
    if (recorded.etag() != null) {
      response.tag(new EntityTag(recorded.etag()));
    }
    if (replayed) {
      response.header(REPLAYED, "true");
    }
    // a JSON value, not a String: a JSON provider would write a String as one quoted JSON string
    return response
        .entity(Json.createReader(new StringReader(recorded.body())).readValue())
        .build();
  }
}
