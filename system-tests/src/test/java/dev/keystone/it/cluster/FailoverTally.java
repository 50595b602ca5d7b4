package dev.keystone.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@link CreationStream} across a PostgreSQL failover, counted by SKU from independent observers:
 * the 201 answers, the rows of the database behind the multi-host URL (the promoted standby), and
 * the whole {@code keystone.product} topic read by a plain consumer. With asynchronous replication
 * a write acknowledged by the old primary may be missing from the promoted standby ({@link #lost});
 * its event may even be on the topic already ({@link #lostButPublished}), and its id may be handed
 * out again by the promoted standby.
 *
 * @param acknowledged SKU → id of every 201
 * @param inDatabase SKU → id of every row of the stream in the promoted database
 * @param onTopic the SKUs of the stream's events on the topic
 * @param lost acknowledged, not in the database
 * @param lostBeyondWindow of those, acknowledged longer than the loss window before the kill
 * @param otherId acknowledged and in the database under another id
 * @param unpublished in the database, not on the topic (after the outbox drained)
 * @param unexpected in the database or on the topic, never sent
 * @param lostButPublished on the topic, not in the database: committed on the old primary only
 * @param sentAfterKill of those, sent after the kill (impossible: there was no primary)
 * @param duplicatedOnTopic records beyond the first of each event id
 * @param unaudited events on the topic without the audit consumer's row in the promoted database:
 *     an effect committed on the old primary only, whose offset Kafka already has
 * @param servedBy the port of the PostgreSQL node the multi-host URL connected to
 */
record FailoverTally(
    Map<String, Long> acknowledged,
    Map<String, Long> inDatabase,
    Set<String> onTopic,
    Set<String> lost,
    Set<String> lostBeyondWindow,
    Set<String> otherId,
    Set<String> unpublished,
    Set<String> unexpected,
    Set<String> lostButPublished,
    Set<String> sentAfterKill,
    int duplicatedOnTopic,
    int unaudited,
    int servedBy) {

  static FailoverTally of(
      ClusterStack cluster, CreationStream stream, long killedAt, Duration lossWindow)
      throws SQLException {
    String like = stream.prefix() + "%";
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> unpublishedRows(cluster, like) == 0);
    var writes = stream.writes();
    var sent = writes.stream().map(CreationStream.Write::sku).collect(Collectors.toSet());
    var acknowledged =
        writes.stream()
            .filter(CreationStream.Write::acknowledged)
            .collect(Collectors.toMap(CreationStream.Write::sku, CreationStream.Write::id));
    var inDatabase = new HashMap<String, Long>();
    int servedBy;
    try (var c = cluster.database();
        var s = c.prepareStatement("select sku, id from products where sku like ?")) {
      s.setString(1, like);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          inDatabase.put(rs.getString(1), rs.getLong(2));
        }
      }
      try (var port = c.createStatement().executeQuery("select inet_server_port()")) {
        port.next();
        servedBy = port.getInt(1);
      }
    }
    var onTopic = new HashSet<String>();
    var eventIds = new HashSet<UUID>();
    var records =
        WholeTopic.records(
            cluster.engines.endpoints().kafkaBootstrap(),
            "keystone.product",
            r -> r.value() != null && r.value().contains(stream.prefix()));
    for (var r : records) {
      var json = Json.createReader(new StringReader(r.value())).readObject();
      eventIds.add(UUID.fromString(json.getString("id")));
      onTopic.add(json.getJsonObject("data").getString("sku"));
    }
    var shop = new ClusterShop(cluster);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> shop.audited(eventIds).size() == eventIds.size());
    } catch (ConditionTimeoutException e) {
      // counted below: effects the failover took away are not made again
    }
    int unaudited = eventIds.size() - shop.audited(eventIds).size();
    var lost = minus(acknowledged.keySet(), inDatabase.keySet());
    long windowStart = killedAt - lossWindow.toNanos();
    var lostBeyondWindow =
        writes.stream()
            .filter(w -> lost.contains(w.sku()) && w.answeredAt() < windowStart)
            .map(CreationStream.Write::sku)
            .collect(Collectors.toSet());
    var otherId =
        acknowledged.entrySet().stream()
            .filter(a -> inDatabase.containsKey(a.getKey()))
            .filter(a -> !inDatabase.get(a.getKey()).equals(a.getValue()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    var seen = new HashSet<>(inDatabase.keySet());
    seen.addAll(onTopic);
    var lostButPublished = minus(onTopic, inDatabase.keySet());
    var sentAfterKill =
        writes.stream()
            .filter(w -> lostButPublished.contains(w.sku()) && w.sentAt() > killedAt)
            .map(CreationStream.Write::sku)
            .collect(Collectors.toSet());
    return new FailoverTally(
        acknowledged,
        inDatabase,
        onTopic,
        lost,
        lostBeyondWindow,
        otherId,
        minus(inDatabase.keySet(), onTopic),
        minus(seen, sent),
        lostButPublished,
        sentAfterKill,
        records.size() - eventIds.size(),
        unaudited,
        servedBy);
  }

  /**
   * Nothing lost beyond the loss window, nothing unexpected, every row published, every surviving
   * acknowledged write under the id its 201 named.
   */
  void assertSafe() {
    assertThat(lostBeyondWindow).as("acknowledged, lost, outside the loss window").isEmpty();
    assertThat(otherId).as("acknowledged under another id").isEmpty();
    assertThat(unpublished).as("rows of the promoted database not on the topic").isEmpty();
    assertThat(unexpected).as("never sent").isEmpty();
    assertThat(sentAfterKill).as("committed without a primary").isEmpty();
    assertThat(acknowledged).as("acknowledged writes").isNotEmpty();
  }

  String figures() {
    return ("acknowledged %d, in the promoted database %d, on the topic %d; acknowledged but lost"
            + " %d (beyond the loss window %d), published but not in the database %d, unpublished"
            + " %d, unexpected %d, duplicated on the topic %d, events without their audit row %d")
        .formatted(
            acknowledged.size(),
            inDatabase.size(),
            onTopic.size(),
            lost.size(),
            lostBeyondWindow.size(),
            lostButPublished.size(),
            unpublished.size(),
            unexpected.size(),
            duplicatedOnTopic,
            unaudited);
  }

  private static long unpublishedRows(ClusterStack cluster, String like) throws SQLException {
    try (var c = cluster.database();
        var s =
            c.prepareStatement(
                "select count(*) from outbox where aggregate_type = 'product'"
                    + " and published_at is null"
                    + " and aggregate_id in (select id::text from products where sku like ?)")) {
      s.setString(1, like);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    var rest = new HashSet<>(a);
    rest.removeAll(b);
    return rest;
  }
}
