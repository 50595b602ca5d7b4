package dev.keystone.consumers.ops;

import dev.keystone.platform.kafka.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consumer lag per group, the way Kafka's own {@code kafka-consumer-groups.sh --describe} computes
 * it: the partitions' end offsets minus the group's committed offsets. Read at most once a second
 * however often the page polls, with short timeouts, so a broker outage costs the endpoint a few
 * seconds at most and the last figures are kept (with the error) until the broker answers again.
 */
@ApplicationScoped
public class GroupLags {

  /** Only Keystone's own groups (the consumers' group ids all start so). */
  static final String GROUP_PREFIX = "keystone-";

  private static final long REFRESH_MILLIS = 1000;
  private static final long TIMEOUT_MILLIS = 3000;

  @Inject
  @ConfigProperty(name = "KEYSTONE_KAFKA_BOOTSTRAP", defaultValue = "localhost:19092")
  String bootstrap;

  private Admin admin;
  private volatile Snapshot last = new Snapshot(List.of(), null, 0);

  /** The figures and the error of the last read, if any. */
  record Snapshot(List<ConsumersSummary.GroupLag> groups, String error, long readAt) {}

  /** The lag of every Keystone group, at most a second old. */
  public synchronized Snapshot read() {
    long now = System.currentTimeMillis();
    if (now - last.readAt() < REFRESH_MILLIS) {
      return last;
    }
    try {
      last = new Snapshot(lags(), null, now);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      var cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      last = new Snapshot(last.groups(), "Kafka: " + cause, now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      last = new Snapshot(last.groups(), "interrupted", now);
    }
    return last;
  }

  private List<ConsumersSummary.GroupLag> lags()
      throws ExecutionException, InterruptedException, TimeoutException {
    var groups =
        admin()
            .listGroups(ListGroupsOptions.forConsumerGroups())
            .all()
            .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
            .stream()
            .map(g -> g.groupId())
            .filter(id -> id.startsWith(GROUP_PREFIX))
            .sorted()
            .toList();
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    for (var group : groups) {
      var offsets =
          admin()
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      committed.put(group, offsets);
      offsets.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
    }
    var endOffsets = admin().listOffsets(ends).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    var result = new ArrayList<ConsumersSummary.GroupLag>();
    for (var group : groups) {
      long lag = 0;
      int partitions = 0;
      for (var entry : committed.get(group).entrySet()) {
        var end = endOffsets.get(entry.getKey());
        if (entry.getValue() != null && end != null) {
          lag += Math.max(0, end.offset() - entry.getValue().offset());
          partitions++;
        }
      }
      result.add(new ConsumersSummary.GroupLag(group, lag, partitions));
    }
    return result;
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              KafkaClientSecurity.with(
                  Map.<String, Object>of(
                      AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                      bootstrap,
                      AdminClientConfig.CLIENT_ID_CONFIG,
                      "keystone-consumers-ops",
                      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                      (int) TIMEOUT_MILLIS,
                      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                      (int) TIMEOUT_MILLIS)));
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
    }
  }
}
