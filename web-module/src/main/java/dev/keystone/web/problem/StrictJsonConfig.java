package dev.keystone.web.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as the API wants it: an unknown field is an error (a typo must not be silently dropped),
 * and nulls are left out of responses.
 */
@Provider
public class StrictJsonConfig implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withNullValues(false)
              .setProperty("jsonb.fail-on-unknown-properties", true));

  /** The API's JSON-B, for code that serializes outside a JAX-RS response (idempotency records). */
  public static Jsonb jsonb() {
    return JSONB;
  }

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
