package dev.keystone.it.hostile;

import dev.keystone.it.hostile.ApiDescription.Operation;
import dev.keystone.it.hostile.HostileValues.Value;
import dev.keystone.it.shop.AccessMatrixIT.Access;
import java.util.ArrayList;
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
    private static final List<String> HEADERS =
        List.of("Authorization", "Idempotency-Key", "If-Match", "If-None-Match", "X-Request-Id");
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
        if (p.in().equals("header")) {
          continue; // the headers the API reads are probed below, documented or not
        }
        for (var v : HostileValues.parameterValues()) {
          boolean inPath = p.in().equals("path");
          var path = inPath ? path(p.name(), v) : path(null, null);
          var query = inPath ? query(null, null) : query(p.name(), v);
          emit(
              p.in() + " parameter " + p.name(),
              v.label(),
              path,
              query,
              headers(),
              bodyText(),
              false);
        }
      }
      if (op.hasBody()) {
        bodies();
        for (var type : HostileValues.contentTypes()) {
          withHeader("Content-Type", type, type == null ? "missing" : type, false);
        }
      }
      for (var accept : List.of("text/html", "application/xml", "*/*;q=0", "\u0000", "a/b/c")) {
        withHeader("Accept", accept, accept, false);
      }
      var values = new ArrayList<Value>(HostileValues.strangeText());
      values.addAll(HostileValues.controlCharacters());
      int turn = 0;
      for (var name : HEADERS) {
        for (var v : values) {
          // control characters: one header each, in turn, so that every one meets every header
          if (v.kind().equals("control") && turn++ % HEADERS.size() != HEADERS.indexOf(name)) {
            continue;
          }
          var text = v.value().toString();
          withHeader(name, name.equals("Authorization") ? "Bearer " + text : text, v.label(), true);
        }
      }
      for (int c = 0; c < 0x20; c++) {
        var path = path(null, null) + (char) c;
        emit(
            "request line",
            "U+%04X in the path".formatted(c),
            path,
            query(null, null),
            headers(),
            bodyText(),
            false);
      }
      for (var length : List.of("-1", "abc", "0", "1, 2")) {
        withHeader("Content-Length", length, length, false);
      }
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
        var kind = "body field " + field.name();
        for (var v : values) {
          var doc = body();
          Bodies.set(doc, field.name(), v.value());
          emitBody(kind, v.label(), Json.write(doc, false));
        }
        var missing = body();
        Bodies.remove(missing, field.name());
        emitBody(kind, "missing", Json.write(missing, false));
        emitBody(kind, "duplicated", Bodies.duplicate(body(), field.name()));
      }
      for (var broken : Bodies.broken(Json.write(body(), false)).entrySet()) {
        // a body over the size limit is refused (413) before the caller's role is looked at
        boolean reaches = !broken.getKey().equals("300 KB");
        emit(
            "document",
            broken.getKey(),
            path(null, null),
            query(null, null),
            headers(),
            broken.getValue(),
            reaches);
      }
    }

    /**
     * The valid request with one header replaced (null: left out). A bad Authorization is a 401 for
     * anyone; {@code reaches}: the request still reaches the operation (see {@link #emit}).
     */
    private void withHeader(String name, String value, String label, boolean reaches) {
      var h = new ArrayList<String[]>();
      for (var x : headers()) {
        if (!x[0].equalsIgnoreCase(name)) {
          h.add(x);
        }
      }
      if (value != null) {
        h.add(new String[] {name, value});
      }
      var kind = "header " + name;
      if (name.equals("Authorization")) {
        add(
            kind,
            label,
            target(path(null, null), query(null, null)),
            h,
            bodyText(),
            401,
            false,
            false);
      } else {
        emit(kind, label, path(null, null), query(null, null), h, bodyText(), reaches);
      }
    }

    private void emitBody(String kind, String label, String body) {
      emit(kind, label, path(null, null), query(null, null), headers(), body, true);
    }

    /**
     * Adds a probe; {@code reaches}: the request is still one for this operation (its path, query,
     * content type and framing intact), so a refused role must get exactly its 401 or 403;
     * otherwise any 4xx is a refusal.
     */
    private void emit(
        String kind,
        String label,
        String path,
        String query,
        List<String[]> headers,
        String body,
        boolean reaches) {
      var target = target(path, query);
      if (refusal != 0) {
        add(kind, label, target, headers, body, reaches ? refusal : 0, false, false);
      } else {
        add(kind, label, target, headers, body, 0, true, !role.equals("admin"));
      }
    }

    private void add(
        String kind,
        String label,
        String target,
        List<String[]> headers,
        String body,
        int expected,
        boolean mayPass,
        boolean may403) {
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
              expected,
              mayPass,
              may403));
    }

    private static String target(String path, String query) {
      return query.isEmpty() ? path : path + "?" + query;
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
      var encoded = value == null ? null : Urls.encode(value.value().toString());
      return Targets.path(op.template(), fixture, parameter, encoded);
    }

    private String query(String parameter, Value value) {
      var encoded = value == null ? null : Urls.encode(value.value().toString());
      return Targets.query(op.template(), fixture, parameter, encoded);
    }

    private String bodyText() {
      return Json.write(body(), false);
    }

    /** A valid body for the operation and role, with fresh unique values. */
    private Map<String, Object> body() {
      return Bodies.valid(op.key(), role, fixture, unique.incrementAndGet());
    }
  }
}
