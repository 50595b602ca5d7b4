package dev.keystone.it.outbox;

import dev.keystone.it.support.KeystoneStack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic's {@code max.message.bytes}, lowered as an operator might (or as a record outgrows it),
 * and put back as it was: a topic override is set again, an inherited value is deleted. The stack
 * is shared by every test of the run, so the caller restores in a {@code finally} block.
 */
final class TopicMessageLimit implements AutoCloseable {

  private final Admin admin;
  private final ConfigResource topic;
  private final ConfigEntry original;
  private boolean restored;

  private TopicMessageLimit(Admin admin, ConfigResource topic, ConfigEntry original) {
    this.admin = admin;
    this.topic = topic;
    this.original = original;
  }

  /** Lowers {@code topic}'s limit to {@code bytes}, remembering the value it had. */
  static TopicMessageLimit lower(String topic, int bytes) throws Exception {
    var admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KeystoneStack.get().devstack().endpoints().kafkaBootstrap()));
    var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    var limit = new TopicMessageLimit(admin, resource, current(admin, resource));
    limit.alter(
        new AlterConfigOp(
            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
            AlterConfigOp.OpType.SET));
    return limit;
  }

  /** The limit the broker applies to the topic now. */
  String value() throws Exception {
    return current(admin, topic).value();
  }

  /** Puts the original limit back (once). */
  void restore() throws Exception {
    if (restored) {
      return;
    }
    var entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, original.value());
    alter(
        original.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
            ? new AlterConfigOp(entry, AlterConfigOp.OpType.SET)
            : new AlterConfigOp(entry, AlterConfigOp.OpType.DELETE));
    restored = true;
  }

  String original() {
    return original.value();
  }

  @Override
  public void close() throws Exception {
    try {
      restore();
    } finally {
      admin.close();
    }
  }

  private void alter(AlterConfigOp op) throws Exception {
    admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
  }

  private static ConfigEntry current(Admin admin, ConfigResource topic) throws Exception {
    return admin
        .describeConfigs(List.of(topic))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(topic)
        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
  }
}
