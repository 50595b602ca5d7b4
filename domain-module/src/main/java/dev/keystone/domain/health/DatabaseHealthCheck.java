package dev.keystone.domain.health;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Ready only while PostgreSQL answers: without the source of truth no write can succeed. */
@ApplicationReadiness("postgresql")
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  private static final int TIMEOUT_SECONDS = 2;

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
