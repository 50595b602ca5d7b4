package dev.keystone.consumerkit.internal;

/** Counts what the kit did with each delivered message, per consumer. */
public interface OutcomeCounters {

  /** Counts one delivered message's outcome for {@code consumer}. */
  void count(String consumer, Outcome outcome);

  /** Counts nothing: for a kit used without a metrics registry (unit tests). */
  OutcomeCounters NONE = (consumer, outcome) -> {};
}
