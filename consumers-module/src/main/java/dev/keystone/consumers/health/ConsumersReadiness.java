package dev.keystone.consumers.health;

import dev.keystone.platform.health.BoundedCheck;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while PostgreSQL answers: every consumer applies its effect and records the event in
 * one database transaction, so without the database no consumer makes progress (it stops
 * acknowledging and waits, docs/consumers.md). A pooled connection and the driver's validation
 * round trip, under a hard deadline ({@code keystone.health.database-deadline-ms}, 400) so that
 * {@code /health/ready} answers DOWN in time even while the database hangs
 * (docs/operations.md#database-deadlines).
 *
 * <p>Published on the consumers-only server only ({@link OnlyOnConsumersServer}): in the EAR the
 * application server's own check already answers for the same database.
 */
@ApplicationScoped
public class ConsumersReadiness {

  /** The validation round trip's own timeout; JDBC counts whole seconds. */
  private static final int VALIDATION_TIMEOUT_SECONDS = 1;

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "keystone.health.database-deadline-ms", defaultValue = "400")
  long databaseDeadlineMillis;

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck postgresql() {
    return BoundedCheck.downWhenLate(
        "postgresql", this::database, Duration.ofMillis(databaseDeadlineMillis), executor);
  }

  private HealthCheckResponse database() {
    var response = HealthCheckResponse.named("postgresql");
    try (var connection = dataSource.getConnection()) {
      return response.status(connection.isValid(VALIDATION_TIMEOUT_SECONDS)).build();
    } catch (SQLException e) {
      return response.down().withData("error", e.getMessage()).build();
    }
  }
}
