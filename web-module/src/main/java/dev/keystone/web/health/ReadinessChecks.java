package dev.keystone.web.health;

import dev.keystone.platform.health.ApplicationReadiness;
import dev.keystone.platform.health.BoundedCheck;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Publishes the application's readiness checks to MicroProfile Health, from this module only. The
 * checks live beside what they check (PostgreSQL and Redis in the domain module, Kafka in the
 * messaging module), in the EAR's {@code lib/}, which the consumers WAR sees too; Liberty collects
 * {@code @Readiness} beans per module, so there each was run and listed twice. This module knows
 * them only by name and type: it has no Redis, Kafka or JDBC classes to reach them with.
 *
 * <p>Each runs under a deadline ({@link BoundedCheck}), so {@code /health/ready} answers within a
 * second even while PostgreSQL hangs (docs/operations.md#database-deadlines): PostgreSQL's check is
 * DOWN when it has no answer within {@code keystone.health.database-deadline-ms} (400); Redis' and
 * Kafka's, which never make the server unready, are UP with {@code answered=false} past {@code
 * keystone.health.report-deadline-ms} (200; Kafka's reports the outbox backlog, read from
 * PostgreSQL).
 */
@ApplicationScoped
class ReadinessChecks {

  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "keystone.health.database-deadline-ms", defaultValue = "400")
  long databaseDeadlineMillis;

  @Inject
  @ConfigProperty(name = "keystone.health.report-deadline-ms", defaultValue = "200")
  long reportDeadlineMillis;

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck postgresql(@ApplicationReadiness("postgresql") HealthCheck check) {
    return BoundedCheck.downWhenLate(
        "postgresql", check, Duration.ofMillis(databaseDeadlineMillis), executor);
  }

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck redis(@ApplicationReadiness("redis") HealthCheck check) {
    return BoundedCheck.upWhenLate(
        "redis", check, Duration.ofMillis(reportDeadlineMillis), executor);
  }

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck kafka(@ApplicationReadiness("kafka") HealthCheck check) {
    return BoundedCheck.upWhenLate(
        "kafka", check, Duration.ofMillis(reportDeadlineMillis), executor);
  }
}
