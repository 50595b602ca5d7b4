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
 * the payload as JSON.
 *
 * @param trace the writing request's trace context, from the CloudEvents distributed-tracing
 *     extension ({@code traceparent}, {@code tracestate}); {@link TraceContext#NONE} when absent
 */
public record ReceivedEvent(
    UUID id,
    String type,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String correlationId,
    Instant time,
    JsonObject data,
    TraceContext trace) {

  private static final String TYPE_PREFIX = "dev.keystone.";

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

  /** The value does not follow the published envelope. */
  public static final class MalformedEvent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedEvent(String message) {
      super("Malformed event: " + message);
    }
  }
}
