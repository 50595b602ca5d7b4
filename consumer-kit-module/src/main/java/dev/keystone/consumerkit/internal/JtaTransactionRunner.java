package dev.keystone.consumerkit.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.SQLException;

/** The kit's {@link TransactionRunner}: a JTA transaction on the kit's data source. */
@ApplicationScoped
public class JtaTransactionRunner implements TransactionRunner {

  @Inject KitDatabase database;

  /** Checked exceptions commit by default under {@code @Transactional}: SQLException must not. */
  @Override
  @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
  public <T> T inNewTransaction(Work<T> work) throws SQLException {
    return work.run();
  }

  @Override
  public boolean databaseAnswers() {
    try (var c = database.connection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
