package dev.keystone.it.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compatibility rule of docs/events.md as a comparison of two AsyncAPI documents: the last
 * released one and the one about to be. Within a version the published language may only grow; this
 * lists every change that breaks a consumer written against the released document or an event
 * already on the topics: a removed or moved message (unless the released document deprecated it), a
 * removed property, a retyped property (its {@code type}, {@code format}, {@code const} or a
 * reference to another type), a newly required property, an enum value dropped or an enum imposed,
 * and an open object closed with {@code additionalProperties: false}.
 *
 * <p>Schemas are compared after inlining {@code $ref}s and merging {@code allOf}, so the envelope
 * and the payload of each message are compared as one schema.
 */
final class SchemaCompatibility {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode released;
  private final JsonNode current;
  private final List<String> breaks = new ArrayList<>();

  private SchemaCompatibility(JsonNode released, JsonNode current) {
    this.released = released;
    this.current = current;
  }

  /** The incompatible changes from {@code released} to {@code current}; empty when compatible. */
  static List<String> breaks(JsonNode released, JsonNode current) {
    var comparison = new SchemaCompatibility(released, current);
    comparison.compareMessages();
    return List.copyOf(comparison.breaks);
  }

  private void compareMessages() {
    var names = new TreeSet<String>();
    released.path("components").path("messages").fieldNames().forEachRemaining(names::add);
    for (var name : names) {
      var before = normalize(released.at("/components/messages/" + name + "/payload"), released);
      var after = current.at("/components/messages/" + name + "/payload");
      if (after.isMissingNode()) {
        if (!before.path("deprecated").asBoolean(false)) {
          breaks.add(name + ": message removed without being released as deprecated first");
        }
        continue;
      }
      var topicBefore = topicOf(released, name);
      var topicAfter = topicOf(current, name);
      if (!topicBefore.equals(topicAfter)) {
        breaks.add(name + ": moved from topic " + topicBefore + " to " + topicAfter);
      }
      compare(name, before, normalize(after, current));
    }
  }

  private void compare(String path, JsonNode before, JsonNode after) {
    for (var keyword : List.of("type", "format", "const")) {
      var was = before.path(keyword);
      var is = after.path(keyword);
      if (!was.equals(is)) {
        breaks.add(path + ": " + keyword + " changed from " + text(was) + " to " + text(is));
      }
    }
    compareEnum(path, before.path("enum"), after.path("enum"));
    var newlyRequired = strings(after.path("required"));
    newlyRequired.removeAll(strings(before.path("required")));
    for (var field : new TreeSet<>(newlyRequired)) {
      breaks.add(path + "." + field + ": newly required");
    }
    if (!before.path("additionalProperties").equals(JSON.getNodeFactory().booleanNode(false))
        && after.path("additionalProperties").equals(JSON.getNodeFactory().booleanNode(false))) {
      breaks.add(path + ": closed to unknown fields (additionalProperties: false)");
    }
    var properties = before.path("properties").fieldNames();
    while (properties.hasNext()) {
      var field = properties.next();
      var is = after.path("properties").path(field);
      if (is.isMissingNode()) {
        breaks.add(path + "." + field + ": removed");
      } else {
        compare(path + "." + field, before.path("properties").path(field), is);
      }
    }
    if (before.has("items") && after.has("items")) {
      compare(path + "[]", before.get("items"), after.get("items"));
    }
  }

  private void compareEnum(String path, JsonNode before, JsonNode after) {
    if (after.isMissingNode()) {
      return; // no enum any more: every value is allowed
    }
    if (before.isMissingNode()) {
      breaks.add(path + ": enum imposed on values that were free");
      return;
    }
    var allowed = new HashSet<JsonNode>();
    after.forEach(allowed::add);
    before.forEach(
        value -> {
          if (!allowed.contains(value)) {
            breaks.add(path + ": enum value " + value + " dropped");
          }
        });
  }

  /** The schema with every {@code $ref} inlined and every {@code allOf} merged into one. */
  static JsonNode normalize(JsonNode node, JsonNode document) {
    if (node.has("$ref")) {
      return normalize(document.at(node.get("$ref").asText().substring(1)), document);
    }
    var merged = JSON.createObjectNode();
    for (var part : node.path("allOf")) {
      merge(merged, normalize(part, document));
    }
    var own = JSON.createObjectNode();
    var fields = node.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      switch (field.getKey()) {
        case "allOf" -> {
          // merged above
        }
        case "properties" -> {
          var properties = own.putObject("properties");
          field
              .getValue()
              .fields()
              .forEachRemaining(p -> properties.set(p.getKey(), normalize(p.getValue(), document)));
        }
        case "items" -> own.set("items", normalize(field.getValue(), document));
        default -> own.set(field.getKey(), field.getValue());
      }
    }
    merge(merged, own);
    return merged;
  }

  /** Adds {@code part} to {@code into}: properties merged by name, required lists united. */
  private static void merge(ObjectNode into, JsonNode part) {
    var fields = part.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      switch (field.getKey()) {
        case "properties" -> {
          var properties =
              into.has("properties")
                  ? (ObjectNode) into.get("properties")
                  : into.putObject("properties");
          field
              .getValue()
              .fields()
              .forEachRemaining(
                  p -> {
                    var existing = properties.get(p.getKey());
                    if (existing instanceof ObjectNode o) {
                      merge(o, p.getValue());
                    } else {
                      properties.set(p.getKey(), p.getValue().deepCopy());
                    }
                  });
        }
        case "required" -> {
          var union = new TreeSet<>(strings(into.path("required")));
          union.addAll(strings(field.getValue()));
          var array = into.putArray("required");
          union.forEach(array::add);
        }
        default -> into.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private static String topicOf(JsonNode document, String message) {
    for (var channel : document.path("channels")) {
      if (channel.path("messages").has(message)) {
        return channel.path("address").asText();
      }
    }
    return "(none)";
  }

  private static Set<String> strings(JsonNode array) {
    var result = new HashSet<String>();
    array.forEach(v -> result.add(v.asText()));
    return result;
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "(none)" : node.toString();
  }
}
