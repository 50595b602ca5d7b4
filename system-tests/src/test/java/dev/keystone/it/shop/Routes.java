package dev.keystone.it.shop;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.keystone.it.support.Api;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route of both WARs, found where they are declared rather than listed by hand: from the
 * OpenAPI document Liberty serves (both WARs merged into it), and, as a cross-check, the consumers'
 * from the JAX-RS annotations of the consumers WAR's classes.
 */
final class Routes {

  /** One operation: an upper-case method and a path template such as {@code /api/orders/{id}}. */
  record Route(String method, String template) implements Comparable<Route> {
    @Override
    public int compareTo(Route o) {
      return (template + " " + method).compareTo(o.template + " " + o.method);
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  private Routes() {}

  /** The operations of the OpenAPI document under {@code /api} and {@code /consumers}. */
  static Set<Route> ofApi(Api admin) {
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
    JsonObject paths = reply.json().getJsonObject("paths");
    var routes = new TreeSet<Route>();
    for (var path : paths.keySet()) {
      if (path.startsWith("/api/") || path.startsWith("/consumers/")) {
        for (var method : paths.getJsonObject(path).keySet()) {
          routes.add(new Route(method.toUpperCase(Locale.ROOT), path));
        }
      }
    }
    return routes;
  }

  /** The resource methods of the consumers WAR, under its context root {@code /consumers}. */
  static Set<Route> ofConsumersWar() {
    var routes = new TreeSet<Route>();
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.keystone.consumers");
    for (var javaClass : classes) {
      var type = javaClass.reflect();
      var root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method m : type.getDeclaredMethods()) {
        var method = httpMethod(m);
        if (method != null) {
          var sub = m.getAnnotation(Path.class);
          routes.add(
              new Route(method, "/consumers" + join(root.value(), sub == null ? "" : sub.value())));
        }
      }
    }
    return routes;
  }

  private static String httpMethod(Method m) {
    if (m.isAnnotationPresent(GET.class)) {
      return "GET";
    }
    if (m.isAnnotationPresent(POST.class)) {
      return "POST";
    }
    if (m.isAnnotationPresent(PUT.class)) {
      return "PUT";
    }
    if (m.isAnnotationPresent(DELETE.class)) {
      return "DELETE";
    }
    return null;
  }

  private static String join(String a, String b) {
    var left = a.startsWith("/") ? a : "/" + a;
    if (b.isEmpty()) {
      return left;
    }
    var right = b.startsWith("/") ? b : "/" + b;
    return (left.endsWith("/") ? left.substring(0, left.length() - 1) : left) + right;
  }
}
