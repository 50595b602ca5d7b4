package dev.keystone.it.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.LibertyServer;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Readiness;
import dev.keystone.it.support.StackExtension;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;

/**
 * Proof of reuse (docs/libraries.md): the notes sample — not the shop, built only on the cache and
 * outbox libraries, with its own entity, schema, topic and server.xml — deployed on a Liberty
 * server of its own over the run's PostgreSQL, Redis and Kafka. What the libraries promise the shop
 * they keep for it: a second read served from Redis, an edit evicting the entry after its commit,
 * and every change published on the sample's topic from the sample's own outbox. Redis and Kafka
 * are observed with plain clients, not through the sample.
 */
@ExtendWith(StackExtension.class)
class ReuseSampleIT {

  private static final String TOPIC = "keystone.note";

  private static LibertyServer server;
  private static String baseUrl;
  private static Api notes;
  private static JedisPooled redis;

  @BeforeAll
  static void startTheSampleOnItsOwnServer() throws Exception {
    var stack = KeystoneStack.get();
    // what a DBA and a Kafka operator do before the application's first start
    try (var db = stack.database();
        var sql = db.createStatement()) {
      sql.execute("create schema if not exists notes");
    }
    Topics.create(TOPIC, 3);
    var db = stack.devstack().endpoints();
    var port = Integer.toString(KeystoneStack.freePort());
    server =
        stack.startApplicationServer(
            "notes-sample",
            Map.of(
                "server.xml",
                Path.of(System.getProperty("keystone.notes.config.dir"), "server.xml"),
                "apps/notes-app.war",
                Path.of(System.getProperty("keystone.notes.war"))),
            Map.of(
                "NOTES_HTTP_PORT",
                port,
                "KEYSTONE_HTTP_PORT",
                port, // where the harness polls readiness
                "NOTES_DB_URL",
                db.jdbcUrl(),
                "NOTES_DB_USER",
                db.dbUser(),
                "NOTES_DB_PASSWORD",
                db.dbPassword(),
                // a Redis call that misses 50 ms on the shared test machine would answer
                // fail-open ("redis-unavailable") and hide what this test looks at
                "KEYSTONE_CACHE_REDIS_TIMEOUT_MS",
                "1000"));
    baseUrl = "http://localhost:" + port;
    notes = new Api(baseUrl + "/notes/api");
    redis = new JedisPooled(db.redisUrl());
  }

  @AfterAll
  static void stopIt() {
    if (redis != null) {
      redis.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void aSecondReadIsServedFromRedis() {
    var note = create("buy milk");

    var first = notes.get("/notes/" + note.id());
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.header("Cache-Status")).isEqualTo("keystone; fwd=miss; stored");
    assertThat(first.json().getString("text")).isEqualTo("buy milk");
    // the entry, as a plain Redis client sees it: <version>|<deltaMs>|<softExpiryMs>|<json>
    assertThat(redis.get(key(note.id()))).startsWith(note.version() + "|").contains("buy milk");

    var second = notes.get("/notes/" + note.id());
    assertThat(second.header("Cache-Status")).isEqualTo("keystone; hit");
    assertThat(second.json()).isEqualTo(first.json());
  }

  @Test
  void anEditEvictsTheEntryOnceItCommittedAndTheNextReadHasTheNewText() {
    var note = create("call Ada");
    notes.get("/notes/" + note.id());
    assertThat(notes.get("/notes/" + note.id()).header("Cache-Status")).isEqualTo("keystone; hit");

    var edited = edit(note.id(), "call Ada at noon");
    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(edited.json().getJsonNumber("version").longValue()).isGreaterThan(note.version());
    // evicted when the edit's transaction committed, before its answer left the server
    assertThat(redis.exists(key(note.id()))).isFalse();

    var read = notes.get("/notes/" + note.id());
    assertThat(read.header("Cache-Status")).isEqualTo("keystone; fwd=miss; stored");
    assertThat(read.json().getString("text")).isEqualTo("call Ada at noon");
    assertThat(redis.get(key(note.id())))
        .startsWith(edited.json().getJsonNumber("version").longValue() + "|");

    // a refused edit is a problem document, and leaves the cached entry as it was
    var refused = edit(note.id(), "   ");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(notes.get("/notes/" + note.id()).header("Cache-Status")).isEqualTo("keystone; hit");
  }

  @Test
  void everyChangeIsPublishedOnTheSamplesTopicFromItsOwnOutbox() throws Exception {
    var note = create("water the plants");
    assertThat(edit(note.id(), "water the plants, not the cat").status()).isEqualTo(200);
    var id = Long.toString(note.id());

    var records =
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> Topics.read(TOPIC, r -> id.equals(r.key()), 2, Duration.ofSeconds(5)),
                found -> found.size() == 2);
    var events =
        records.stream()
            .map(r -> parse(r.value()))
            .sorted(Comparator.comparingLong(e -> e.getJsonNumber("aggregateversion").longValue()))
            .toList();
    assertThat(events)
        .extracting(e -> e.getString("type"))
        .containsExactly("dev.keystone.note.created", "dev.keystone.note.edited");
    assertThat(events).extracting(e -> e.getString("subject")).containsOnly(id);
    assertThat(events).extracting(e -> e.getString("source")).containsOnly("/keystone/note");
    assertThat(events.get(0).getJsonNumber("aggregateversion").longValue())
        .isEqualTo(note.version());
    assertThat(events.get(1).getJsonObject("data").getString("text"))
        .isEqualTo("water the plants, not the cat");

    // the rows came from the sample's own outbox table, in its own schema, marked published
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(publishedOutboxRows(id)).isEqualTo(2));
  }

  @Test
  void aMissingNoteOrAMalformedBodyIsAProblemDocument() {
    var missing = notes.get("/notes/999999999");
    assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(redis.exists(key(999999999))).isFalse(); // a failed load is never cached

    var malformed = notes.post("/notes", "{\"text\": ");
    assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void theLibrariesReadinessChecksAreListedByTheSample() {
    var ready = notes.at(baseUrl).get("/health/ready");
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    var checks =
        ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    assertThat(checks).containsKeys("redis", "kafka");
    assertThat(checks.get("redis").getString("status")).isEqualTo("UP");
    var sample = notes.at(baseUrl);
    assertThat(Readiness.answeredData(sample, "redis").getBoolean("reachable")).isTrue();
    assertThat(Readiness.answeredData(sample, "kafka").getBoolean("reachable")).isTrue();
  }

  private record Created(long id, long version) {}

  private static Created create(String text) {
    var reply =
        notes.post("/notes", Json.createObjectBuilder().add("text", text).build().toString());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    var json = reply.json();
    return new Created(
        json.getJsonNumber("id").longValue(), json.getJsonNumber("version").longValue());
  }

  private static Api.Reply edit(long id, String text) {
    var body = Json.createObjectBuilder().add("text", text).build().toString();
    return notes.send(
        notes
            .request("/notes/" + id)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static String key(long id) {
    return "keystone:v2:{note:" + id + "}";
  }

  private static JsonObject parse(String value) {
    return Json.createReader(new StringReader(value)).readObject();
  }

  private static long publishedOutboxRows(String noteId) throws Exception {
    try (var db = KeystoneStack.get().database();
        var s =
            db.prepareStatement(
                "select count(*) from notes.outbox where aggregate_type = 'note'"
                    + " and aggregate_id = ? and published_at is not null")) {
      s.setString(1, noteId);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
