package dev.keystone.platform.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Connections for the few operations that may rightly keep PostgreSQL busy for long: schema
 * migrations at start-up and the pruners' deletes. The data source's socket timeout ({@code
 * KEYSTONE_DB_SOCKET_TIMEOUT}, 1 s) bounds every statement of a request, so that a hung database
 * costs a request about a second (docs/operations.md#database-deadlines); on a connection from here
 * a statement may take up to {@value #TIMEOUT_KEY} (600 s) instead, and the connection gets its
 * request deadline back before it returns to the pool. The same holds for the lock timeout ({@code
 * KEYSTONE_DB_LOCK_TIMEOUT_MS}, 750 ms, the data source's {@code options}): a migration may wait
 * for another server's migration lock, a pruner for the rows a consumer holds.
 */
public final class LongOperations {

  /** Seconds a long operation's statement may take. */
  public static final String TIMEOUT_KEY = "keystone.db.long-operation-timeout-s";

  private static final int DEFAULT_SECONDS = 600;

  /**
   * How often a schema migration tries again to connect (Flyway's {@code connectRetries}: 1, 2, 4,
   * 8 and 16 s apart). The data source's login timeout is a request's deadline (1 s); a server
   * starting on a busy machine, or while PostgreSQL starts, must not fail its deployment over it.
   */
  public static final int CONNECT_RETRIES = 5;

  /** The driver applies the timeout itself; nothing runs on this executor. */
  private static final Executor SAME_THREAD = Runnable::run;

  private LongOperations() {}

  /** {@code dataSource}, whose every connection has the long operations' timeout. */
  public static DataSource patient(DataSource dataSource) {
    Duration timeout = configuredTimeout();
    return (DataSource)
        Proxy.newProxyInstance(
            LongOperations.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = forward(dataSource, method, args);
              return result instanceof Connection c && "getConnection".equals(method.getName())
                  ? patient(c, timeout)
                  : result;
            });
  }

  /** {@code connection} with the long operations' timeout until it is closed. */
  public static Connection patient(Connection connection) throws SQLException {
    return patient(connection, configuredTimeout());
  }

  static Connection patient(Connection connection, Duration timeout) throws SQLException {
    int requestDeadline = connection.getNetworkTimeout();
    connection.setNetworkTimeout(SAME_THREAD, Math.toIntExact(timeout.toMillis()));
    try (var s = connection.createStatement()) {
      s.execute("set lock_timeout = " + timeout.toMillis());
    }
    return (Connection)
        Proxy.newProxyInstance(
            LongOperations.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                restoreAndClose(connection, requestDeadline);
                return null;
              }
              return forward(connection, method, args);
            });
  }

  private static void restoreAndClose(Connection connection, int requestDeadline)
      throws SQLException {
    try {
      if (!connection.isClosed()) {
        try (var s = connection.createStatement()) {
          s.execute("reset lock_timeout"); // the session's own: the data source's options
        }
        connection.setNetworkTimeout(SAME_THREAD, requestDeadline);
      }
    } catch (SQLException e) {
      // a broken connection: the pool discards it, with whatever timeout it had
    } finally {
      connection.close();
    }
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** From MicroProfile Config (a server.xml variable); the default outside a server. */
  static Duration configuredTimeout() {
    int seconds;
    try {
      seconds =
          ConfigProvider.getConfig()
              .getOptionalValue(TIMEOUT_KEY, Integer.class)
              .orElse(DEFAULT_SECONDS);
    } catch (RuntimeException | LinkageError e) {
      seconds = DEFAULT_SECONDS; // no MicroProfile Config implementation: a unit test, a tool
    }
    return Duration.ofSeconds(seconds);
  }
}
