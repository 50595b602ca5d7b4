package dev.keystone.outbox.internal;

import dev.keystone.outbox.Topics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates one topic per aggregate type at start-up, with the partition count and replication factor
 * from configuration. Runs in the background and retries while the broker is away, so a broker
 * outage never delays the application's start (the outbox keeps the events meanwhile).
 */
@ApplicationScoped
public class TopicCreator {

  private static final Logger LOG = Logger.getLogger(TopicCreator.class.getName());
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  @Inject KafkaAdmin kafka;

  @Inject
  @ConfigProperty(name = "keystone.kafka.topic.partitions", defaultValue = "3")
  int partitions;

  @Inject
  @ConfigProperty(name = "keystone.kafka.topic.replication-factor", defaultValue = "1")
  short replicationFactor;

  @Inject
  @ConfigProperty(name = Topics.PREFIX_KEY, defaultValue = Topics.DEFAULT_PREFIX)
  String topicPrefix;

  @Resource ManagedScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (STARTED.compareAndSet(false, true)) {
      scheduler.execute(this::createTopics);
    }
  }

  private void createTopics() {
    try {
      var existing = kafka.admin().listTopics().names().get(5, TimeUnit.SECONDS);
      var missing =
          Topics.AGGREGATE_TYPES.stream()
              .map(type -> Topics.forAggregate(topicPrefix, type))
              .filter(topic -> !existing.contains(topic))
              .map(topic -> new NewTopic(topic, partitions, replicationFactor))
              .toList();
      if (!missing.isEmpty()) {
        kafka.admin().createTopics(missing).all().get(5, TimeUnit.SECONDS);
        LOG.info(() -> "Created topics " + missing);
      }
    } catch (Exception e) {
      if (isOnlyTopicExists(e)) {
        return;
      }
      LOG.warning(() -> "Could not create topics yet, retrying in 5 s: " + e);
      scheduler.schedule(this::createTopics, 5, TimeUnit.SECONDS);
    }
  }

  private static boolean isOnlyTopicExists(Exception e) {
    return Set.of(TopicExistsException.class).contains(rootCause(e).getClass());
  }

  private static Throwable rootCause(Throwable e) {
    return e.getCause() == null ? e : rootCause(e.getCause());
  }
}
