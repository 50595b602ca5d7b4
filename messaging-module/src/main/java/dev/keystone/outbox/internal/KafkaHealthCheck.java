package dev.keystone.outbox.internal;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Reports the broker and the outbox backlog. Always UP: with Kafka down, writes still commit and
 * their events wait in the outbox, so the server can still do its job.
 */
@ApplicationReadiness("kafka")
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

  @Inject KafkaAdmin kafka;
  @Inject OutboxMetrics outbox;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("kafka").up().withData("reachable", kafka.reachable());
    try {
      var backlog = outbox.backlog();
      response
          .withData("outboxBacklog", backlog.size())
          .withData("outboxOldestAgeMs", backlog.oldestAgeMillis());
    } catch (RuntimeException e) {
      response.withData("outboxBacklog", "unknown");
    }
    return response.build();
  }
}
