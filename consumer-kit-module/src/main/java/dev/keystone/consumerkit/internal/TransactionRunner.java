package dev.keystone.consumerkit.internal;

import java.sql.SQLException;

/**
 * Runs a piece of the kit's work in a transaction of its own, in which the dedup row, the parked
 * messages and the consumer's effect commit together or not at all; {@link JtaTransactionRunner} is
 * the JTA one. A port, so that the kit can be tested against in-memory stores that roll back.
 */
public interface TransactionRunner {

  /** Work in a transaction. */
  interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in a new transaction: commits what it did when it returns, rolls it back when
   * it throws (also an {@link SQLException}).
   */
  <T> T inNewTransaction(Work<T> work) throws SQLException;

  /** True if the database answers: a failure while it does not is an outage, not poison. */
  boolean databaseAnswers();
}
