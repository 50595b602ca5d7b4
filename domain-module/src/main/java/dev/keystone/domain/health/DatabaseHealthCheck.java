package dev.keystone.domain.health;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Ready only while PostgreSQL answers: without the source of truth no write can succeed. A pooled
 * connection and the driver's validation round trip, each bounded by the data source's deadlines
 * (server.xml); the web module runs the check under a shorter hard deadline still, so that {@code
 * /health/ready} never waits for a hung database (docs/operations.md#database-deadlines).
 */
@ApplicationReadiness("postgresql")
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  /** The validation round trip's own timeout; JDBC counts whole seconds. */
  private static final int TIMEOUT_SECONDS = 1;

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("postgresql");
    try (var connection = dataSource.getConnection()) {
      return response.status(connection.isValid(TIMEOUT_SECONDS)).build();
    } catch (SQLException e) {
      return response.down().withData("error", e.getMessage()).build();
    }
  }
}
