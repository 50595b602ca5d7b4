package dev.keystone.it.hostile;

import dev.keystone.it.support.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operations of the OpenAPI document Liberty serves (the shop's {@code /api} and the consumers
 * WAR's {@code /consumers}, merged into one document): each with its path and query parameters and
 * the fields of its JSON body, {@code $ref} schemas resolved, nested objects and arrays of objects
 * flattened to dotted names ({@code lines.0.quantity}).
 */
final class ApiDescription {

  /** A parameter: {@code in} is {@code path} or {@code query}; {@code type} the schema's type. */
  record Parameter(String name, String in, String type) {}

  /** A body field: its dotted name and the schema type ({@code string}, {@code integer}, …). */
  record Field(String name, String type, String format) {}

  /** One operation. */
  record Operation(String method, String template, List<Parameter> parameters, List<Field> fields) {

    boolean hasBody() {
      return !fields.isEmpty();
    }

    String key() {
      return method + " " + template;
    }
  }

  private ApiDescription() {}

  /** Every operation under {@code /api/} and {@code /consumers/} of the served document. */
  static List<Operation> read(Api admin) {
    var reply =
        admin.send(
            admin
                .request("/openapi?format=JSON")
                .header("Accept", "application/json")
                .GET()
                .build());
    if (reply.status() != 200) {
      throw new IllegalStateException("no OpenAPI document: " + reply);
    }
    var document = reply.json();
    var schemas =
        document.containsKey("components")
                && document.getJsonObject("components").containsKey("schemas")
            ? document.getJsonObject("components").getJsonObject("schemas")
            : JsonValue.EMPTY_JSON_OBJECT;
    var operations = new ArrayList<Operation>();
    var paths = document.getJsonObject("paths");
    for (var path : paths.keySet()) {
      if (!path.startsWith("/api/") && !path.startsWith("/consumers/")) {
        continue;
      }
      var item = paths.getJsonObject(path);
      for (var method : item.keySet()) {
        if (!List.of("get", "put", "post", "delete", "patch").contains(method)) {
          continue;
        }
        var op = item.getJsonObject(method);
        var parameters = new ArrayList<Parameter>();
        for (var source : List.of(item, op)) {
          if (source.containsKey("parameters")) {
            for (var p : source.getJsonArray("parameters").getValuesAs(JsonObject.class)) {
              var schema = resolve(p.getJsonObject("schema"), schemas);
              parameters.add(
                  new Parameter(p.getString("name"), p.getString("in"), type(schema, "string")));
            }
          }
        }
        var fields = new ArrayList<Field>();
        if (op.containsKey("requestBody")) {
          var content = op.getJsonObject("requestBody").getJsonObject("content");
          var json = content.getJsonObject("application/json");
          if (json != null && json.containsKey("schema")) {
            flatten("", resolve(json.getJsonObject("schema"), schemas), schemas, fields, 0);
          }
        }
        operations.add(
            new Operation(method.toUpperCase(Locale.ROOT), path, parameters, List.copyOf(fields)));
      }
    }
    return operations;
  }

  private static void flatten(
      String prefix, JsonObject schema, JsonObject schemas, List<Field> into, int depth) {
    if (depth > 5 || !schema.containsKey("properties")) {
      return;
    }
    var properties = schema.getJsonObject("properties");
    for (var name : properties.keySet()) {
      var property = resolve(properties.getJsonObject(name), schemas);
      var type = type(property, "object");
      into.add(new Field(prefix + name, type, property.getString("format", "")));
      if ("object".equals(type)) {
        flatten(prefix + name + ".", property, schemas, into, depth + 1);
      } else if ("array".equals(type) && property.containsKey("items")) {
        flatten(
            prefix + name + ".0.",
            resolve(property.getJsonObject("items"), schemas),
            schemas,
            into,
            depth + 1);
      }
    }
  }

  /** The schema a {@code $ref} (or an {@code allOf} of one) points at, else the schema itself. */
  static JsonObject resolve(JsonObject schema, JsonObject schemas) {
    if (schema == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (schema.containsKey("$ref")) {
      var ref = schema.getString("$ref");
      var name = ref.substring(ref.lastIndexOf('/') + 1);
      return resolve(schemas.getJsonObject(name), schemas);
    }
    if (schema.containsKey("allOf") && schema.getJsonArray("allOf").size() == 1) {
      return resolve(schema.getJsonArray("allOf").getJsonObject(0), schemas);
    }
    return schema;
  }

  private static String type(JsonObject schema, String otherwise) {
    var type = schema.get("type");
    if (type == null) {
      return schema.containsKey("properties") ? "object" : otherwise;
    }
    if (type.getValueType() == JsonValue.ValueType.ARRAY) {
      // OpenAPI 3.1 writes a nullable type as ["string", "null"]
      for (var t : type.asJsonArray().getValuesAs(jakarta.json.JsonString.class)) {
        if (!"null".equals(t.getString())) {
          return t.getString();
        }
      }
      return otherwise;
    }
    return ((jakarta.json.JsonString) type).getString();
  }
}
