package dev.keystone.outbox.internal;

import dev.keystone.platform.kafka.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One Kafka admin client for topic creation and the health check. Short timeouts: a broker outage
 * must never hold a thread for long.
 */
@ApplicationScoped
public class KafkaAdmin {

  private static final int TIMEOUT_MS = 2000;

  @Inject
  @ConfigProperty(name = "KEYSTONE_KAFKA_BOOTSTRAP", defaultValue = "localhost:19092")
  String bootstrap;

  private volatile Admin admin;

  /** The admin client, created on first use. */
  public Admin admin() {
    if (admin == null) {
      synchronized (this) {
        if (admin == null) {
          admin =
              Admin.create(
                  KafkaClientSecurity.with(
                      Map.of(
                          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                          AdminClientConfig.CLIENT_ID_CONFIG, "keystone-admin")));
        }
      }
    }
    return admin;
  }

  /** True when the cluster answers within two seconds. */
  public boolean reachable() {
    return reachable(TIMEOUT_MS);
  }

  /** True when the cluster answers within {@code timeoutMs}. */
  public boolean reachable(int timeoutMs) {
    try {
      admin()
          .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
          .clusterId()
          .get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  @PreDestroy
  void close() {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(1));
    }
  }
}
