package dev.keystone.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseReachabilityTest {

  @Test
  void aSilentConnectionIsUnreachable() {
    // what the driver throws when the socket timeout ends a statement of a frozen server
    var io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
    assertThat(DatabaseReachability.unreachable(new IllegalStateException("flush", io))).isTrue();
  }

  @Test
  void aLoginThatTimedOutIsUnreachable() {
    assertThat(DatabaseReachability.unreachable(new SQLException("attempt timed out", "08001")))
        .isTrue();
  }

  @Test
  void noFreePooledConnectionInTimeIsUnreachable() {
    var wait = new SQLTransientConnectionException("no connection within the timeout");
    assertThat(DatabaseReachability.unreachable(new RuntimeException(wait))).isTrue();
  }

  @Test
  void aCancelledStatementIsUnreachable() {
    var cancelled = new SQLException("canceling statement due to statement timeout", "57014");
    assertThat(DatabaseReachability.unreachable(cancelled)).isTrue();
  }

  @Test
  void aConstraintViolationIsNot() {
    var unique = new SQLException("duplicate key value violates unique constraint", "23505");
    assertThat(DatabaseReachability.unreachable(new RuntimeException(unique))).isFalse();
    assertThat(DatabaseReachability.unreachable(new IllegalArgumentException("bad"))).isFalse();
  }
}
