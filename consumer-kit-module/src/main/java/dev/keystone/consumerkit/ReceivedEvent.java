package dev.keystone.consumerkit;

import dev.keystone.platform.tracing.TraceContext;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as a consumer reads it off the topic: the CloudEvents attributes the kit relies on and
 * the payload as JSON. A tolerant reader (docs/events.md): attributes and payload fields it does
 * not know are ignored, never refused.
 *
 * @param schemaVersion the major version of the type's data schema, from {@code dataschema} ({@code
 *     urn:keystone:schema:<type>:v<version>}); 1 when the attribute is absent, as on every event
 *     published before versions were stated
 * @param trace the writing request's trace context, from the CloudEvents distributed-tracing
 *     extension ({@code traceparent}, {@code tracestate}); {@link TraceContext#NONE} when absent
 */
public record ReceivedEvent(
    UUID id,
    String type,
    int schemaVersion,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String correlationId,
    Instant time,
    JsonObject data,
    TraceContext trace) {

  private static final String TYPE_PREFIX = "dev.keystone.";
  private static final String SCHEMA_PREFIX = "urn:keystone:schema:";

  /** Looked up once: {@code Json.createReader} looks the provider up on every call (slow). */
  private static final JsonProvider JSONP = JsonProvider.provider();

  /**
   * Parses a structured-mode CloudEvents JSON value.
   *
   * @throws MalformedEvent if a required attribute is missing or of the wrong type
   */
  public static ReceivedEvent parse(String json) {
    try (var reader = JSONP.createReader(new StringReader(json))) {
      var e = reader.readObject();
      var type = e.getString("type");
      if (!type.startsWith(TYPE_PREFIX) || type.indexOf('.', TYPE_PREFIX.length()) < 0) {
        throw new MalformedEvent("unexpected event type " + type);
      }
      var aggregateType =
          type.substring(TYPE_PREFIX.length(), type.indexOf('.', TYPE_PREFIX.length()));
      return new ReceivedEvent(
          UUID.fromString(e.getString("id")),
          type,
          schemaVersion(type, e.getString("dataschema", null)),
          aggregateType,
          e.getString("subject"),
          e.getJsonNumber("aggregateversion").longValueExact(),
          e.getString("correlationid", null),
          Instant.parse(e.getString("time")),
          e.getJsonObject("data"),
          new TraceContext(e.getString("traceparent", null), e.getString("tracestate", null)));
    } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
      throw new MalformedEvent(e.toString());
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new MalformedEvent(e.toString());
    }
  }

  /** The version {@code dataschema} names; 1 without one. */
  private static int schemaVersion(String type, String dataSchema) {
    if (dataSchema == null) {
      return 1;
    }
    var prefix = SCHEMA_PREFIX + type + ":v";
    if (!dataSchema.startsWith(prefix)) {
      throw new MalformedEvent("dataschema " + dataSchema + " is not a schema of " + type);
    }
    int version = Integer.parseInt(dataSchema.substring(prefix.length()));
    if (version < 1) {
      throw new MalformedEvent("dataschema " + dataSchema + " names no version");
    }
    return version;
  }

  /** The value does not follow the published envelope. */
  public static final class MalformedEvent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEvent(String message) {
      super("Malformed event: " + message);
    }
  }
}
