package dev.keystone.outbox.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The relay's and the sweeper's {@link RelayStore} on PostgreSQL: a transaction is a connection of
 * the application's data source with auto-commit off, the statements are {@link OutboxStore}'s.
 */
@ApplicationScoped
public class JdbcRelayStore implements RelayStore {

  @Inject OutboxStore store;

  @Override
  public Tx begin() throws SQLException {
    return new JdbcTx(store.sweepConnection());
  }

  @Override
  public Set<UUID> claimNext(Tx tx, Collection<UUID> eventIds) throws SQLException {
    return store.claimNext(connection(tx), eventIds);
  }

  @Override
  public List<OutboxRecord> lockDueChains(Tx tx, Duration minAge, int limit) throws SQLException {
    return store.lockDueChains(connection(tx), minAge, limit);
  }

  @Override
  public void markPublished(Tx tx, Collection<UUID> eventIds) throws SQLException {
    store.markPublished(connection(tx), eventIds);
  }

  @Override
  public void markFailed(Tx tx, UUID eventId, String error, Duration backoff, Duration max)
      throws SQLException {
    store.markFailed(connection(tx), eventId, error, backoff, max);
  }

  @Override
  public void unclaim(Tx tx, Collection<UUID> eventIds) throws SQLException {
    store.unclaim(connection(tx), eventIds);
  }

  /** The connection behind a transaction this store began. */
  static Connection connection(Tx tx) {
    return ((JdbcTx) tx).connection();
  }

  /** A local transaction: closing the connection without a commit rolls it back. */
  private record JdbcTx(Connection connection) implements Tx {

    @Override
    public void commit() throws SQLException {
      connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
      connection.rollback();
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
