package dev.keystone.outbox.internal;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

  /**
   * The report's own deadline (docs/operations.md#health). The broker probe gets half of it, so
   * that a broker that is away is reported unreachable within the deadline instead of the whole
   * report coming too late to say anything: a healthy broker answers in milliseconds.
   */
  @Inject
  @ConfigProperty(name = "keystone.health.report-deadline-ms", defaultValue = "200")
  int reportDeadlineMs;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("kafka")
            .up()
            .withData("reachable", kafka.reachable(Math.max(50, reportDeadlineMs / 2)));
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
