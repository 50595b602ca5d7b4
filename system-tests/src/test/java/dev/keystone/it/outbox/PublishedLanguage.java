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
 * message name or by CloudEvents type. Tests validate records against it so the document cannot
 * drift from the code.
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

  static PublishedLanguage load() {
    try {
      return new PublishedLanguage(
          new ObjectMapper(new YAMLFactory()).readTree(Files.readString(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** The message whose envelope schema fixes this CloudEvents type. */
  String messageForType(String cloudEventType) {
    for (var message : messages()) {
      var ref = document.at("/components/messages/" + message + "/payload/$ref").asText();
      var schema = document.at(ref.substring(1));
      var type = schema.at("/allOf/1/properties/type/const").asText();
      if (cloudEventType.equals(type)) {
        return message;
      }
    }
    throw new AssertionError("no message documents the type " + cloudEventType);
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
