package dev.keystone.it.hostile;

import dev.keystone.it.hostile.ApiDescription.Operation;
import dev.keystone.it.hostile.HostileValues.Value;
import dev.keystone.it.shop.AccessMatrixIT.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates, for every operation and every role, every hostile request: each parameter, body field
 * and header the API reads with each hostile value, the document itself broken, and wrong content
 * types. What a role may get follows the access table: a role the operation refuses must get its
 * 401 or 403 whatever else is wrong with the request, as long as the request reaches the
 * application as a request to that operation.
 */
final class Generator {

  static final List<String> ROLES = List.of("anonymous", "customer", "another customer", "admin");

  /** The ids of the fixture and each role's {@code Authorization} header (null: anonymous). */
  record Fixture(long product, long owner, long stranger, long order, Map<String, String> auth) {}

  private final Fixture fixture;
  private final Map<String, Access> access;
  private final AtomicLong unique = new AtomicLong();
  private final List<Probe> probes = new ArrayList<>();

  Generator(Fixture fixture, Map<String, Access> access) {
    this.fixture = fixture;
    this.access = access;
  }

  /** Every probe for every operation, in a fixed order. */
  List<Probe> generate(List<Operation> operations) {
    for (var op : operations) {
      var rule = access.get(op.key());
      if (rule == null) {
        throw new IllegalStateException("operation not in the access table: " + op.key());
      }
      for (var role : ROLES) {
        new ForRole(op, role, refusal(rule, role)).all();
      }
    }
    return probes;
  }

  /** The status a role gets on an operation's fixture resource: 401, 403, or 0 (admitted). */
  private static int refusal(Access rule, String role) {
    if (role.equals("anonymous")) {
      return 401;
    }
    if (role.equals("admin")) {
      return 0;
    }
    return switch (rule) {
      case ANY -> 0;
      case ADMIN -> 403;
      case OWNER -> role.equals("customer") ? 0 : 403;
    };
  }

  /** The probes of one operation for one role. */
  private final class ForRole {
    private final Operation op;
    private final String role;
    private final int refusal;

    ForRole(Operation op, String role, int refusal) {
      this.op = op;
      this.role = role;
      this.refusal = refusal;
    }

    void all() {
      emit("role", "as is", path(null, null), query(null, null), headers(), bodyText(), true);
      for (var p : op.parameters()) {
        for (var v : HostileValues.parameterValues()) {
          var kind = p.in() + " parameter " + p.name();
          if (p.in().equals("path")) {
            emit(
                kind,
                v.label(),
                path(p.name(), v),
                query(null, null),
                headers(),
                bodyText(),
                false);
          } else {
            emit(
                kind,
                v.label(),
                path(null, null),
                query(p.name(), v),
                headers(),
                bodyText(),
                false);
          }
        }
      }
      if (op.hasBody()) {
        bodies();
        contentTypes();
      }
      for (var accept : List.of("text/html", "application/xml", "*/*;q=0", "\u0000", "a/b/c")) {
        var h = headers();
        h.add(new String[] {"Accept", accept});
        emit("header Accept", accept, path(null, null), query(null, null), h, bodyText(), false);
      }
      headerValues();
      framing();
    }

    private void bodies() {
      for (var field : op.fields()) {
        var values = new ArrayList<Value>(HostileValues.wrongTypes());
        if (field.type().equals("string")) {
          values.addAll(HostileValues.controlCharacters());
          values.addAll(HostileValues.strangeText());
        } else if (field.type().equals("integer") || field.type().equals("number")) {
          values.addAll(HostileValues.numbers());
        }
        for (var v : values) {
          var doc = body();
          Bodies.set(doc, field.name(), v.value());
          emitBody("body field " + field.name(), v.label(), Json.write(doc, false));
        }
        var missing = body();
        Bodies.remove(missing, field.name());
        emitBody("body field " + field.name(), "missing", Json.write(missing, false));
        emitBody(
            "body field " + field.name(), "duplicated", Bodies.duplicate(body(), field.name()));
      }
      for (var broken : Bodies.broken(Json.write(body(), false)).entrySet()) {
        emitBody("document", broken.getKey(), broken.getValue());
      }
    }

    private void contentTypes() {
      for (var type : HostileValues.contentTypes()) {
        var h = new ArrayList<String[]>();
        for (var x : headers()) {
          if (!x[0].equals("Content-Type")) {
            h.add(x);
          }
        }
        if (type != null) {
          h.add(new String[] {"Content-Type", type});
        }
        var label = type == null ? "missing" : type;
        emit(
            "header Content-Type",
            label,
            path(null, null),
            query(null, null),
            h,
            bodyText(),
            false);
      }
    }

    /** Hostile values in each header the API reads; a bad Authorization is a 401 for anyone. */
    private void headerValues() {
      var names =
          List.of("Authorization", "Idempotency-Key", "If-Match", "If-None-Match", "X-Request-Id");
      var values = new ArrayList<Value>(HostileValues.strangeText());
      values.addAll(HostileValues.controlCharacters());
      int i = 0;
      for (var name : names) {
        for (var v : values) {
          // control characters: one header each, in turn, so that every one meets every header
          if (v.kind().equals("control") && i++ % names.size() != names.indexOf(name)) {
            continue;
          }
          var text = v.value().toString();
          var h = new ArrayList<String[]>();
          for (var x : headers()) {
            if (!x[0].equalsIgnoreCase(name)) {
              h.add(x);
            }
          }
          h.add(new String[] {name, name.equals("Authorization") ? "Bearer " + text : text});
          var kind = "header " + name;
          if (name.equals("Authorization")) {
            add(
                kind,
                v.label(),
                path(null, null),
                query(null, null),
                h,
                bodyText(),
                401,
                false,
                false);
          } else {
            emit(kind, v.label(), path(null, null), query(null, null), h, bodyText(), true);
          }
        }
      }
    }

    /** Control characters in the request line itself, and a Content-Length that lies. */
    private void framing() {
      for (int c = 0; c < 0x20; c++) {
        emit(
            "request line",
            "U+%04X in the path".formatted(c),
            path(null, null) + (char) c,
            query(null, null),
            headers(),
            bodyText(),
            false);
      }
      for (var length : List.of("-1", "abc", "99999999999999999999", "0", "1, 2")) {
        var h = headers();
        h.add(new String[] {"Content-Length", length});
        emit(
            "header Content-Length",
            length,
            path(null, null),
            query(null, null),
            h,
            bodyText(),
            false);
      }
    }

    private void emitBody(String kind, String label, String body) {
      emit(kind, label, path(null, null), query(null, null), headers(), body, true);
    }

    /**
     * Adds a probe; {@code reachesOperation}: the request is still one for this operation (its
     * path, query, content type and framing intact), so a refused role must get exactly its 401 or
     * 403; otherwise any 4xx is a refusal.
     */
    private void emit(
        String kind,
        String label,
        String path,
        String query,
        List<String[]> headers,
        String body,
        boolean reachesOperation) {
      if (refusal != 0) {
        add(kind, label, path, query, headers, body, reachesOperation ? refusal : 0, false, false);
      } else {
        add(kind, label, path, query, headers, body, 0, true, !role.equals("admin"));
      }
    }

    private void add(
        String kind,
        String label,
        String path,
        String query,
        List<String[]> headers,
        String body,
        int expected,
        boolean mayPass,
        boolean may403) {
      var target = query.isEmpty() ? path : path + "?" + query;
      probes.add(
          new Probe(
              op.key(),
              role,
              kind,
              label,
              op.method(),
              target,
              headers,
              op.hasBody() ? body : null,
              true,
              expected,
              mayPass,
              may403));
    }

    private List<String[]> headers() {
      var h = new ArrayList<String[]>();
      var auth = fixture.auth().get(role);
      if (auth != null) {
        h.add(new String[] {"Authorization", auth});
      }
      if (op.hasBody()) {
        h.add(new String[] {"Content-Type", "application/json"});
      }
      if (op.key().equals("PUT /api/products/{id}")) {
        h.add(new String[] {"If-Match", "\"1\""});
      }
      return h;
    }

    private String path(String parameter, Value value) {
      var path = op.template();
      var concrete =
          Map.of(
              "id",
              Long.toString(idFor(path)),
              "consumer",
              "analytics",
              "key",
              "hostile-key",
              "seq",
              "1");
      for (var e : concrete.entrySet()) {
        var replacement =
            e.getKey().equals(parameter) ? Urls.encode(value.value().toString()) : e.getValue();
        path = path.replace("{" + e.getKey() + "}", replacement);
      }
      return path;
    }

    private long idFor(String template) {
      if (template.startsWith("/api/customers")) {
        return fixture.owner();
      }
      return template.startsWith("/api/orders") ? fixture.order() : fixture.product();
    }

    private String query(String parameter, Value value) {
      var params = new LinkedHashMap<String, String>();
      if (op.template().equals("/consumers/audit")) {
        params.put("aggregateId", Long.toString(fixture.product()));
      }
      if (parameter != null) {
        params.put(parameter, Urls.encode(value.value().toString()));
      }
      var out = new StringBuilder();
      params.forEach(
          (k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
      return out.toString();
    }

    /** A valid body for the operation and role, with fresh unique values. */
    private String bodyText() {
      return Json.write(body(), false);
    }

    private Map<String, Object> body() {
      return Bodies.valid(op.key(), role, fixture, unique.incrementAndGet());
    }
  }
}
