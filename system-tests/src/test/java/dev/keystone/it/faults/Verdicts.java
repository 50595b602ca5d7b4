package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.SetTally;

/** The assertions every crash test makes of its tally. */
final class Verdicts {

  private Verdicts() {}

  /**
   * Nothing acknowledged or committed is missing from the database, the topic or the audit
   * consumer's effects; nothing is there that no committed write explains; per key, the distinct
   * events arrive in strictly increasing versions without a hole.
   */
  static void assertNothingLostOrInvented(SetTally.Result r) {
    assertThat(r.notInDatabase()).as("acknowledged writes the database does not hold").isEmpty();
    assertThat(r.lost()).as("lost: acknowledged or committed, never published").isEmpty();
    assertThat(r.unexpected()).as("unexpected: published without a committed write").isEmpty();
    assertThat(r.disorder()).as("per-key order of the distinct events").isEmpty();
    assertThat(r.gaps()).as("per-key version gaps").isEmpty();
    assertThat(r.missingEffects()).as("events the audit consumer did not apply").isZero();
    assertThat(r.strayEffects()).as("audit rows without an event on the topic").isZero();
    assertThat(r.published()).as("events published").isEqualTo(r.acknowledged() + r.recovered());
  }
}
