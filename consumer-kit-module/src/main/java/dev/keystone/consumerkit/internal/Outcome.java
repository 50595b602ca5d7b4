package dev.keystone.consumerkit.internal;

/** What the kit did with one message; every outcome is acknowledged. */
public enum Outcome {
  /** The effect ran and committed with the dedup row. */
  APPLIED,
  /** The event id was already processed by this consumer: skipped. */
  DUPLICATE,
  /** An earlier message of the same key is dead-lettered: this one waits behind it. */
  PARKED,
  /**
   * The message failed every attempt (or is malformed): sent to the dead-letter topic and parked.
   */
  DEAD_LETTERED,
  /** The consumer is being rebuilt from the log: held, applied by the rebuild before it ends. */
  HELD
}
