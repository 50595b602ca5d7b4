package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MP OpenAPI document Liberty actually serves describes every operation of docs/api.md's /api
 * table: each success response with a body names a schema that exists in {@code components} with
 * its properties and an example (nested references too), so does each request body, and each error
 * response (the gateway's 401, 403 and 429 included) is application/problem+json with the Problem
 * schema. A view whose schema is missing (as when the scanner could not see domain-module's
 * records) fails here.
 */
@KeystoneIT
class OpenApiIT {

  /** docs/api.md's table: method, path, success status. */
  record Operation(String method, String path, String success) {}

  static final List<Operation> DESIGN =
      List.of(
          new Operation("get", "/api/products/{id}", "200"),
          new Operation("get", "/api/products", "200"),
          new Operation("post", "/api/products", "201"),
          new Operation("put", "/api/products/{id}", "200"),
          new Operation("post", "/api/products/{id}/stock-adjustments", "200"),
          new Operation("post", "/api/customers", "201"),
          new Operation("get", "/api/customers/{id}", "200"),
          new Operation("post", "/api/orders", "201"),
          new Operation("get", "/api/orders/{id}", "200"),
          new Operation("post", "/api/orders/{id}/cancel", "200"),
          new Operation("get", "/api/ops/outbox/stuck", "200"),
          new Operation("post", "/api/ops/outbox/stuck/{eventId}/retry", "202"),
          new Operation("post", "/api/ops/outbox/stuck/{eventId}/skip", "200"));

  private static final String PROBLEM = "application/problem+json";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();
  private JsonObject document;

  @BeforeEach
  void fetch() {
    var reply =
        shop.api.send(
            shop.api
                .request("/openapi?format=JSON")
                .header("Accept", "application/json")
                .GET()
                .build());
    assertThat(reply.status()).isEqualTo(200);
    document = reply.json();
  }

  @Test
  void everyOperationOfTheDesignIsDescribed() {
    var paths = document.getJsonObject("paths");
    for (var op : DESIGN) {
      assertThat(paths.keySet()).as(op.toString()).contains(op.path());
      assertThat(paths.getJsonObject(op.path()).keySet()).as(op.toString()).contains(op.method());
    }
    var put = operation(new Operation("put", "/api/products/{id}", "200"));
    assertThat(put.getJsonObject("responses").keySet()).contains("200", "412", "428");
    var place = operation(new Operation("post", "/api/orders", "201"));
    assertThat(place.getJsonObject("responses").keySet()).contains("201", "400", "409", "422");
  }

  @Test
  void everySuccessBodyNamesACompleteSchemaWithAnExample() {
    for (var op : DESIGN) {
      var responses = operation(op).getJsonObject("responses");
      assertThat(responses.keySet()).as(op + ": its success status").contains(op.success());
      for (var status : responses.keySet()) {
        if (!status.startsWith("2")) {
          continue;
        }
        var response = resolve(responses.getJsonObject(status));
        var content = response.getJsonObject("content");
        assertThat(content).as(op + " " + status + " has a body").isNotNull();
        var json = content.getJsonObject("application/json");
        assertThat(json).as(op + " " + status + " is application/json").isNotNull();
        var name = schemaName(json.getJsonObject("schema"), op + " " + status);
        assertComplete(name, new HashSet<>());
      }
    }
  }

  @Test
  void everyRequestBodyNamesACompleteSchemaWithAnExample() {
    int bodies = 0;
    for (var op : DESIGN) {
      var body = operation(op).getJsonObject("requestBody");
      if (body == null) {
        continue;
      }
      var json = body.getJsonObject("content").getJsonObject("application/json");
      assertThat(json).as(op + " takes application/json").isNotNull();
      assertComplete(schemaName(json.getJsonObject("schema"), op + " request"), new HashSet<>());
      bodies++;
    }
    assertThat(bodies).as("POST and PUT operations with a body").isEqualTo(6);
  }

  @Test
  void everyErrorIsAProblemDocument() {
    assertComplete("Problem", new HashSet<>());
    var problem = schema("Problem", "the problem schema");
    assertThat(problem.getJsonObject("properties").keySet())
        .contains("type", "title", "status", "detail", "errors");
    int errors = 0;
    for (var op : DESIGN) {
      var responses = operation(op).getJsonObject("responses");
      assertThat(responses.keySet())
          .as(op + ": the gateway's refusals are described too")
          .contains("401", "403", "429");
      for (var status : responses.keySet()) {
        if (status.startsWith("2")) {
          continue;
        }
        var where = op + " " + status;
        var content = resolve(responses.getJsonObject(status)).getJsonObject("content");
        assertThat(content).as(where + " has a body").isNotNull();
        assertThat(content.keySet()).as(where).containsExactly(PROBLEM);
        assertThat(schemaName(content.getJsonObject(PROBLEM).getJsonObject("schema"), where))
            .as(where)
            .isEqualTo("Problem");
        errors++;
      }
    }
    assertThat(errors).as("error responses described").isGreaterThanOrEqualTo(DESIGN.size());
    var tooMany = resolve(operation(DESIGN.get(0)).getJsonObject("responses").getJsonObject("429"));
    assertThat(tooMany.getJsonObject("headers").keySet())
        .contains("Retry-After", "RateLimit-Policy", "RateLimit");
    assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
        .contains("bearer");
  }

  @Test
  void theUiResponds() {
    var reply = shop.api.get("/openapi/ui/");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).containsIgnoringCase("openapi");
  }

  private JsonObject operation(Operation op) {
    var path = document.getJsonObject("paths").getJsonObject(op.path());
    assertThat(path).as(op + ": path described").isNotNull();
    var operation = path.getJsonObject(op.method());
    assertThat(operation).as(op + ": method described").isNotNull();
    return operation;
  }

  /** A response, following a {@code $ref} to {@code components/responses}. */
  private JsonObject resolve(JsonObject response) {
    if (!response.containsKey("$ref")) {
      return response;
    }
    var ref = response.getString("$ref");
    assertThat(ref).startsWith("#/components/responses/");
    var resolved =
        document
            .getJsonObject("components")
            .getJsonObject("responses")
            .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    assertThat(resolved).as(ref + " exists").isNotNull();
    return resolved;
  }

  /** The component name a schema refers to; a body schema must be a named component. */
  private static String schemaName(JsonObject schema, String where) {
    assertThat(schema).as(where + ": a schema").isNotNull();
    assertThat(schema.keySet()).as(where + ": a reference to a component schema").contains("$ref");
    var ref = schema.getString("$ref");
    assertThat(ref).as(where).startsWith("#/components/schemas/");
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private JsonObject schema(String name, String where) {
    var schemas = document.getJsonObject("components").getJsonObject("schemas");
    assertThat(schemas.keySet()).as(where + ": component schema " + name).contains(name);
    return schemas.getJsonObject(name);
  }

  /** The schema exists, has typed properties and an example; so do the schemas it refers to. */
  private void assertComplete(String name, Set<String> seen) {
    if (!seen.add(name)) {
      return;
    }
    var schema = schema(name, name);
    assertThat(schema.getString("type", null)).as(name + " type").isEqualTo("object");
    var properties = schema.getJsonObject("properties");
    assertThat(properties).as(name + " properties").isNotNull();
    assertThat(properties.keySet()).as(name + " properties").isNotEmpty();
    assertThat(schema.containsKey("example")).as(name + " has an example").isTrue();
    assertThat(schema.get("example").getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
    assertThat(schema.getJsonObject("example").keySet())
        .as(name + "'s example uses only its properties")
        .isSubsetOf(properties.keySet());
    for (var property : properties.entrySet()) {
      var value = property.getValue().asJsonObject();
      var where = name + "." + property.getKey();
      if (value.containsKey("$ref")) {
        assertComplete(schemaName(value, where), seen);
      } else {
        assertThat(value.getString("type", null)).as(where + " type").isNotNull();
        if ("array".equals(value.getString("type"))) {
          var items = value.getJsonObject("items");
          if (items.containsKey("$ref")) {
            assertComplete(schemaName(items, where + "[]"), seen);
          }
        }
      }
    }
  }
}
