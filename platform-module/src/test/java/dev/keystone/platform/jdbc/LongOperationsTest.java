package dev.keystone.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class LongOperationsTest {

  /** The network timeouts set on the fake connection, in order, and whether it was closed. */
  private final List<Integer> timeouts = new ArrayList<>(List.of(1_000));

  private boolean closed;

  /** The SQL run on the fake connection, in order. */
  private final List<String> statements = new ArrayList<>();

  private final Statement statement =
      (Statement)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Statement.class},
              (proxy, method, args) -> {
                if ("execute".equals(method.getName())) {
                  statements.add((String) args[0]);
                  return false;
                }
                return null;
              });

  private final Connection pooled =
      (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getNetworkTimeout" -> timeouts.get(timeouts.size() - 1);
                    case "setNetworkTimeout" -> {
                      timeouts.add((Integer) args[1]);
                      yield null;
                    }
                    case "createStatement" -> statement;
                    case "isClosed" -> closed;
                    case "close" -> {
                      closed = true;
                      yield null;
                    }
                    default -> null;
                  });

  @Test
  void aLongOperationGetsItsOwnTimeoutAndGivesTheRequestDeadlineBack() throws Exception {
    var connection = LongOperations.patient(pooled, Duration.ofSeconds(600));
    assertThat(timeouts).containsExactly(1_000, 600_000);
    connection.close();
    assertThat(timeouts)
        .as("restored before the pool gets it")
        .containsExactly(1_000, 600_000, 1_000);
    assertThat(closed).isTrue();
  }

  @Test
  void aLongOperationMayWaitForLocksAndTheSessionsOwnLockTimeoutComesBack() throws Exception {
    var connection = LongOperations.patient(pooled, Duration.ofSeconds(600));
    assertThat(statements).containsExactly("set lock_timeout = 600000");
    connection.close();
    assertThat(statements).containsExactly("set lock_timeout = 600000", "reset lock_timeout");
  }

  @Test
  void everyConnectionOfAPatientDataSourceHasTheLongTimeout() throws Exception {
    DataSource dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> "getConnection".equals(method.getName()) ? pooled : null);
    try (var connection = LongOperations.patient(dataSource).getConnection()) {
      assertThat(timeouts.get(timeouts.size() - 1))
          .isEqualTo((int) LongOperations.configuredTimeout().toMillis());
    }
    assertThat(timeouts.get(timeouts.size() - 1)).isEqualTo(1_000);
  }

  @Test
  void theDefaultIsTenMinutes() {
    assertThat(LongOperations.configuredTimeout()).isEqualTo(Duration.ofSeconds(600));
  }
}
