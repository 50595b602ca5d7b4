package dev.keystone.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.shop.AccessMatrixIT;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests generated from the served OpenAPI document
 * (docs/security.md#hostile-input-generated-from-the-api-description): for every operation of
 * {@code /api} and {@code /consumers}, every role, every parameter, body field and header. Every
 * answer: no 5xx; every 4xx problem+json with type, title and status; a refused role gets exactly
 * its 401 or 403. And nothing changed by a refused request: requests run in batches between
 * fingerprints of PostgreSQL, Redis and Kafka; a batch with only refusals must leave all three as
 * they were. A batch in which something was accepted (hostile but valid input may be) is allowed
 * its changes; the state is then left to settle and the batch's refused requests are sent again on
 * their own and checked.
 *
 * <p>{@code ./mvnw verify} sends a seeded subset (every operation × role × kind of value at least
 * once); {@code -Pfaults} sends every generated request, at least 20,000.
 */
@KeystoneIT
@Tag("fault")
class OpenApiHostileIT {

  private static final int FULL_MINIMUM = 20_000;
  private static final int FAST_SIZE = 3_000;
  private static final long SEED = 20261204L;
  private static final int BATCH = 250;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Map<String, List<String>> failures = new TreeMap<>();
  private final Map<String, List<String>> channel = new TreeMap<>();
  private final Map<String, int[]> perOperation = new TreeMap<>(); // roles in Generator.ROLES order
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> stateChanges = new ArrayList<>();
  private int sent;
  private int checkedRefusals;

  @Test
  void everyOperationEveryRoleEveryHostileValue() throws Exception {
    var admin = Api.keystone();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> admin.get("/api/products?size=1").status() == 200);
    var fixture = fixture(admin);
    SettledOutbox.settle(admin);
    var operations = ApiDescription.read(admin);
    assertThat(operations.stream().map(ApiDescription.Operation::key))
        .as("the document's operations against the access table")
        .containsExactlyInAnyOrderElementsOf(AccessMatrixIT.TABLE.keySet());
    var all = new Generator(fixture, AccessMatrixIT.TABLE).generate(operations);
    var probes = Faults.full() ? all : Selection.of(all, FAST_SIZE, SEED);
    if (Faults.full()) {
      assertThat(all).hasSizeGreaterThanOrEqualTo(FULL_MINIMUM);
    }
    var url = URI.create(KeystoneStack.get().baseUrl());
    var http = new RawHttp(url.getHost(), url.getPort());
    warm(http, probes);

    // refusals first: what the role or the value makes a refusal; then what may be accepted
    var ordered = new ArrayList<Probe>();
    probes.stream().filter(p -> !p.mayPass()).forEach(ordered::add);
    probes.stream().filter(Probe::mayPass).forEach(ordered::add);
    var pool = Executors.newFixedThreadPool(8);
    var slow = Executors.newFixedThreadPool(2);
    try {
      var baseline = StateFingerprint.settled(Duration.ofMinutes(1));
      int firstAccepting = (int) probes.stream().filter(p -> !p.mayPass()).count();
      for (int from = 0, to; from < ordered.size(); from = to) {
        to = Math.min(ordered.size(), from + BATCH);
        if (!ordered.get(from).mayPass() && ordered.get(to - 1).mayPass()) {
          to = firstAccepting; // batches hold one class only
        }
        var batch = ordered.subList(from, to);
        // what may be accepted runs on fewer threads: accepted orders of the one fixture product
        // queue on its row, and a queue longer than the database deadline is a 503 by design
        var replies = run(batch.get(0).mayPass() ? slow : pool, http, batch, true);
        var refused = refusedOf(batch, replies);
        if (refused.size() < batch.size()) {
          // something was accepted: let its effects land, then send the refusals again alone
          baseline = StateFingerprint.settled(Duration.ofMinutes(2));
          if (refused.isEmpty()) {
            continue; // all accepted: no refusal to check
          }
          var again = run(pool, http, refused, false);
          if (refusedOf(refused, again).size() < refused.size()) {
            baseline = StateFingerprint.settled(Duration.ofMinutes(2));
            continue; // a refusal turned into an acceptance on the second try: nothing to check
          }
        }
        var after = StateFingerprint.take();
        var changes = baseline.changesIn(after);
        if (!changes.isEmpty()) {
          stateChanges.add(
              "batch of %d refusals from %s: %s; new records %s; still on its way: %s"
                  .formatted(
                      refused.size(),
                      refused.get(0),
                      changes,
                      NewRecords.between(baseline.offsets(), after.offsets()),
                      Backlog.now()));
        }
        checkedRefusals += refused.size();
        baseline = after;
      }
    } finally {
      pool.shutdownNow();
      slow.shutdownNow();
    }
    report(probes.size(), all.size());
    assertThat(failures.keySet()).as("answers against the rules (counts above)").isEmpty();
    assertThat(stateChanges).as("state changed by refused requests").isEmpty();
  }

  private Generator.Fixture fixture(Api admin) {
    var product =
        admin.post(
            "/api/products",
            "{\"sku\":\"HOSTILE-FIXTURE-%d\",\"name\":\"Fixture\",\"price\":3.00,\"currency\":\"EUR\",\"stock\":1000000,\"category\":\"hostile\"}"
                .formatted(System.nanoTime()));
    assertThat(product.status()).as(product.toString()).isEqualTo(201);
    long productId = product.json().getJsonNumber("id").longValue();
    long owner = customer(admin);
    long stranger = customer(admin);
    var tokens = KeystoneStack.get().tokens();
    var order =
        Api.as("customer", Long.toString(owner))
            .post(
                "/api/orders",
                "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":1}]}"
                    .formatted(owner, productId));
    assertThat(order.status()).as(order.toString()).isEqualTo(201);
    var auth = new HashMap<String, String>();
    auth.put("customer", "Bearer " + tokens.mint("customer", Long.toString(owner)));
    auth.put("another customer", "Bearer " + tokens.mint("customer", Long.toString(stranger)));
    auth.put("admin", "Bearer " + tokens.mint("admin", Api.ADMIN_SUBJECT));
    return new Generator.Fixture(
        productId, owner, stranger, order.json().getJsonNumber("id").longValue(), auth);
  }

  private static long customer(Api admin) {
    var reply =
        admin.post(
            "/api/customers",
            "{\"name\":\"Hostile\",\"email\":\"hostile-%d@example.org\"}"
                .formatted(System.nanoTime()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }

  /**
   * Reads every readable resource once as each role, so that cache fills happen before counting.
   */
  private static void warm(RawHttp http, List<Probe> probes) {
    for (var p : probes) {
      if (p.kind().equals("role") && p.method().equals("GET")) {
        http.send(p);
      }
    }
  }

  /** Sends a batch in parallel; {@code count}: the first sending, which the report counts. */
  private List<RawHttp.Reply> run(
      java.util.concurrent.ExecutorService pool, RawHttp http, List<Probe> batch, boolean count)
      throws Exception {
    var futures = new ArrayList<Future<RawHttp.Reply>>();
    for (var p : batch) {
      futures.add(pool.submit(() -> http.send(p)));
    }
    var replies = new ArrayList<RawHttp.Reply>();
    for (int i = 0; i < batch.size(); i++) {
      var p = batch.get(i);
      RawHttp.Reply reply;
      try {
        reply = futures.get(i).get(1, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException e) {
        reply = new RawHttp.Reply(599, Map.of(), String.valueOf(e.getCause()));
      }
      replies.add(reply);
      var verdict = Verdict.of(p, reply);
      if (count) {
        sent++;
        statuses.merge(reply.status(), 1, Integer::sum);
        perOperation
            .computeIfAbsent(p.operation(), k -> new int[Generator.ROLES.size()])[
            Generator.ROLES.indexOf(p.role())]++;
      }
      if (verdict != null && count) {
        var key =
            "%s: %d %s, %s"
                .formatted(verdict, reply.status(), reply.header("Content-Type"), p.kind());
        var body = reply.body().substring(0, Math.min(160, reply.body().length()));
        var examples = (verdict.equals(Verdict.BEFORE_THE_APPLICATION) ? channel : failures);
        examples.computeIfAbsent(key, k -> new ArrayList<>()).add(p + " → " + body);
      }
    }
    return replies;
  }

  private static int count(Map<String, List<String>> byKey, String verdict) {
    return byKey.entrySet().stream()
        .filter(e -> e.getKey().startsWith(verdict + ":"))
        .mapToInt(e -> e.getValue().size())
        .sum();
  }

  private static List<Probe> refusedOf(List<Probe> batch, List<RawHttp.Reply> replies) {
    var refused = new ArrayList<Probe>();
    for (int i = 0; i < batch.size(); i++) {
      if (replies.get(i).status() >= 400) {
        refused.add(batch.get(i));
      }
    }
    return refused;
  }

  private void report(int selected, int generated) {
    var out = new StringBuilder();
    out.append(
        "Hostile requests from the OpenAPI document: %,d sent (%,d generated)%n"
            .formatted(selected, generated));
    out.append("| operation | anonymous | customer | another customer | admin |%n".formatted());
    out.append("|---|---|---|---|---|%n".formatted());
    perOperation.forEach(
        (op, n) ->
            out.append("| `%s` | %,d | %,d | %,d | %,d |%n".formatted(op, n[0], n[1], n[2], n[3])));
    int fiveXx = count(failures, "5xx");
    int nonProblem = count(failures, "not problem+json");
    int before = channel.values().stream().mapToInt(List::size).sum();
    out.append(
        ("statuses %s; 5xx %d; non-problem 4xx from the application %d; refused before the"
                + " application %d; refusals state-checked %,d; state changes by refused requests"
                + " %d%n")
            .formatted(
                new TreeMap<>(statuses),
                fiveXx,
                nonProblem,
                before,
                checkedRefusals,
                stateChanges.size()));
    for (var m : List.of(channel, failures)) {
      m.forEach((k, v) -> out.append("  %,d × %s, e.g. %s%n".formatted(v.size(), k, v.get(0))));
    }
    stateChanges.forEach(s -> out.append(s).append('\n'));
    System.out.print(out);
  }
}
