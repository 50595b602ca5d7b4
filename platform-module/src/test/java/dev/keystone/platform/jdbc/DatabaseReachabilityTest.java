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

  @Test
  void aLockWaitEndedByTheLockTimeoutIsContendedNotUnreachable() {
    var lock = new SQLException("canceling statement due to lock timeout", "55P03");
    var wrapped = new IllegalStateException("flush", lock);
    assertThat(DatabaseReachability.contended(wrapped)).isTrue();
    assertThat(DatabaseReachability.unreachable(wrapped)).isFalse();
  }

  @Test
  void deadlockAndSerializationFailuresAreContended() {
    assertThat(DatabaseReachability.contended(new SQLException("deadlock detected", "40P01")))
        .isTrue();
    assertThat(DatabaseReachability.contended(new SQLException("could not serialize", "40001")))
        .isTrue();
  }

  @Test
  void outagesAndOtherErrorsAreNotContended() {
    assertThat(DatabaseReachability.contended(new SQLException("timed out", "08001"))).isFalse();
    assertThat(DatabaseReachability.contended(new SQLException("duplicate key", "23505")))
        .isFalse();
    assertThat(DatabaseReachability.contended(new IllegalArgumentException("bad"))).isFalse();
  }
}
