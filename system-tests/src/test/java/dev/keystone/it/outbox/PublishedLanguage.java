package dev.keystone.it.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The published language as the AsyncAPI 3.0 document in the repository ({@code
 * docs/asyncapi.yaml}) states it: each message's JSON Schema (envelope and payload), found by
 * message name or by CloudEvents type and schema version. Tests validate records against it so the
 * document cannot drift from the code.
 *
 * <p>Two readings of the same document (docs/events.md): {@link #load()} as the producer must
 * write, every object closed to fields the document does not name, so a field the code adds without
 * documenting it fails; {@link #asPublished()} as consumers read it, open to fields they do not
 * know.
 */
final class PublishedLanguage {

  static final Path FILE =
      Path.of(System.getProperty("keystone.asyncapi", "../docs/asyncapi.yaml"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
  private final Map<String, Schema> schemas = new HashMap<>();
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  private PublishedLanguage(JsonNode document) {
    this.document = document;
  }

  /** The document as the producer must write: every object closed to undocumented fields. */
  static PublishedLanguage load() {
    var strict = read(FILE);
    close(strict);
    return new PublishedLanguage(strict);
  }

  /** The document as published: open objects, as consumers read it. */
  static PublishedLanguage asPublished() {
    return new PublishedLanguage(read(FILE));
  }

  /** An AsyncAPI document (YAML) as a JSON tree. */
  static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets {@code additionalProperties: false} on every object schema that names its properties. */
  private static void close(JsonNode node) {
    if (node instanceof ObjectNode object
        && "object".equals(object.path("type").asText())
        && object.has("properties")) {
      object.put("additionalProperties", false);
    }
    node.forEach(PublishedLanguage::close);
  }

  JsonNode document() {
    return document;
  }

  /** The names of the documented messages. */
  Set<String> messages() {
    var names = new TreeSet<String>();
    document.path("components").path("messages").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The topic (channel address) that carries a message. */
  String topicOf(String message) {
    for (var channel : document.path("channels")) {
      if (channel.path("messages").has(message)) {
        return channel.path("address").asText();
      }
    }
    throw new AssertionError("no channel carries " + message);
  }

  /** The message whose envelope schema fixes this CloudEvents type and {@code dataschema}. */
  String messageFor(String cloudEventType, String dataSchema) {
    for (var message : messages()) {
      var envelope = envelopeOf(message);
      if (cloudEventType.equals(envelope.at("/properties/type/const").asText())
          && dataSchema.equals(envelope.at("/properties/dataschema/const").asText())) {
        return message;
      }
    }
    throw new AssertionError("no message documents " + cloudEventType + " as " + dataSchema);
  }

  /** The message's own envelope attributes: the second part of its payload's allOf. */
  JsonNode envelopeOf(String message) {
    var ref = document.at("/components/messages/" + message + "/payload/$ref").asText();
    return document.at(ref.substring(1)).at("/allOf/1");
  }

  /** The violations of a record value against the message's schema; empty when it conforms. */
  List<String> violations(String message, String json) {
    var schema = schemas.computeIfAbsent(message, this::schemaOf);
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  /** The message's payload schema, in a document that also holds the components it refers to. */
  private Schema schemaOf(String message) {
    var payload = document.at("/components/messages/" + message + "/payload");
    if (payload.isMissingNode()) {
      throw new AssertionError("no message " + message + " in " + FILE);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.putArray("allOf").add(payload);
    root.set("components", document.path("components"));
    return registry.getSchema(root.toString(), InputFormat.JSON);
  }
}
