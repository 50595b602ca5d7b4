package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.SwitchedOffConnector;
import dev.keystone.platform.kafka.KafkaClientSecurity;
import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Consumer lag as MicroProfile Metrics: {@code keystone_consumer_lag{group,topic,partition}}, the
 * records between each group's committed offset and the partition's end offset, for every group
 * whose id starts with {@code keystone.consumers.lag.group-prefix} ({@code keystone-}).
 *
 * <p>Read in the background every {@code keystone.consumers.lag.interval-ms} (5000) with a Kafka
 * Admin client, the way {@code kafka-consumer-groups.sh --describe} computes it, never when {@code
 * /metrics} is scraped. Why the group's committed offsets and not this server's consumer positions:
 * Liberty's connector does not expose its consumers, and the committed offset is what a restart
 * resumes from, so it is the lag that matters. It is the group's figure, not this server's share:
 * every server running consumers reports the same value (aggregate with max, not sum). While the
 * broker does not answer, the last figures stay and {@code keystone_consumer_lag_age_ms} grows
 * (docs/operations.md#metrics).
 */
@ApplicationScoped
public class ConsumerLag {

  private static final Logger LOG = Logger.getLogger(ConsumerLag.class.getName());
  private static final String LAG = "keystone.consumer.lag";
  private static final long TIMEOUT_MILLIS = 3000;

  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "KEYSTONE_KAFKA_BOOTSTRAP", defaultValue = "localhost:19092")
  String bootstrap;

  @Inject
  @ConfigProperty(name = "keystone.consumers.lag.interval-ms", defaultValue = "5000")
  long intervalMillis;

  @Inject
  @ConfigProperty(name = "keystone.consumers.lag.group-prefix", defaultValue = "keystone-")
  String groupPrefix;

  @Inject
  @ConfigProperty(name = "keystone.consumers.connector", defaultValue = "liberty-kafka")
  String connector;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Periodic job = new Periodic("Reading the consumer lag", LOG);
  private final Map<GroupLag, Long> lags = new ConcurrentHashMap<>();
  private volatile long readAt = System.currentTimeMillis();
  private Admin admin;

  /** A server that runs no consumer watches no lag (and opens no Admin client). */
  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (SwitchedOffConnector.isOff(connector)) {
      return;
    }
    var interval = Duration.ofMillis(intervalMillis);
    if (job.start(scheduler, Duration.ofSeconds(1), interval, this::read)) {
      registry.gauge(
          Metadata.builder()
              .withName("keystone.consumer.lag.age.ms")
              .withDescription("Milliseconds since the consumer lag was last read from Kafka")
              .build(),
          this,
          m -> System.currentTimeMillis() - m.readAt);
    }
  }

  /** One round: every group's lag now; a gauge per new partition, none for a vanished one. */
  void read() {
    Map<GroupLag, Long> now;
    try {
      var committed = committedOffsets();
      var partitions = new HashSet<TopicPartition>();
      committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
      now = GroupLag.of(committed, endOffsets(partitions));
    } catch (ExecutionException | TimeoutException e) {
      LOG.fine(() -> "Could not read the consumer lag: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (var gone : lags.keySet().stream().filter(k -> !now.containsKey(k)).toList()) {
      lags.remove(gone);
      registry.remove(new MetricID(LAG, tags(gone)));
    }
    for (var figure : now.entrySet()) {
      var key = figure.getKey();
      if (lags.put(key, figure.getValue()) == null) {
        registry.gauge(
            Metadata.builder()
                .withName(LAG)
                .withDescription("Records behind the partition's end offset, per consumer group")
                .build(),
            this,
            m -> m.lags.getOrDefault(key, 0L),
            tags(key));
      }
    }
    readAt = System.currentTimeMillis();
  }

  /** The committed offsets of every Keystone group, empty and active ones alike. */
  private Map<String, Map<TopicPartition, Long>> committedOffsets()
      throws ExecutionException, InterruptedException, TimeoutException {
    var specs = new HashMap<String, ListConsumerGroupOffsetsSpec>();
    for (var g :
        admin()
            .listGroups(ListGroupsOptions.forConsumerGroups())
            .all()
            .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      if (g.groupId().startsWith(groupPrefix)) {
        specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
      }
    }
    var committed = new HashMap<String, Map<TopicPartition, Long>>();
    if (specs.isEmpty()) {
      return committed;
    }
    var all =
        admin().listConsumerGroupOffsets(specs).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    for (var group : all.entrySet()) {
      var offsets = new HashMap<TopicPartition, Long>();
      group.getValue().forEach((tp, o) -> offsets.put(tp, o == null ? null : o.offset()));
      committed.put(group.getKey(), offsets);
    }
    return committed;
  }

  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    var ends = new HashMap<TopicPartition, Long>();
    if (partitions.isEmpty()) {
      return ends;
    }
    var request = new HashMap<TopicPartition, OffsetSpec>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    admin()
        .listOffsets(request)
        .all()
        .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  private static Tag[] tags(GroupLag key) {
    return new Tag[] {
      new Tag("group", key.group()),
      new Tag("topic", key.topic()),
      new Tag("partition", Integer.toString(key.partition()))
    };
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
                      "keystone-consumer-lag",
                      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                      (int) TIMEOUT_MILLIS,
                      AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                      (int) TIMEOUT_MILLIS)));
    }
    return admin;
  }

  @PreDestroy
  synchronized void stop() {
    job.stop();
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
