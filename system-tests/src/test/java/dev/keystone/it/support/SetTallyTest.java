package dev.keystone.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.SetTally.Attempt;
import dev.keystone.it.support.SetTally.Event;
import dev.keystone.it.support.SetTally.Outcome;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The set checker must be able to fail: each kind of anomaly fed to it is counted. */
class SetTallyTest {

  private static Event event(String op, String key, long version, long offset) {
    return new Event(
        op, UUID.nameUUIDFromBytes((op + version).getBytes()), key, version, 0, offset);
  }

  /** Two keys, three acknowledged writes each, all committed, published once and applied. */
  private static SetTally clean() {
    var tally = new SetTally();
    long offset = 0;
    for (var key : new String[] {"1", "2"}) {
      for (int v = 1; v <= 3; v++) {
        var op = key + "-" + v;
        var e = event(op, key, v, offset++);
        tally.attempt(new Attempt(op, Outcome.ACKNOWLEDGED, v)).committed(op).onTopic(e);
        tally.effect(e.id());
      }
    }
    return tally;
  }

  @Test
  void aCleanRunHasNothingToReport() {
    var r = clean().result();
    assertThat(r.attempted()).isEqualTo(6);
    assertThat(r.acknowledged()).isEqualTo(6);
    assertThat(r.published()).isEqualTo(6);
    assertThat(r.lost()).isEmpty();
    assertThat(r.unexpected()).isEmpty();
    assertThat(r.duplicatedOnTopic()).isZero();
    assertThat(r.disorder()).isEmpty();
    assertThat(r.gaps()).isEmpty();
    assertThat(r.missingEffects()).isZero();
  }

  @Test
  void anAcknowledgedWriteMissingFromTheTopicIsLost() {
    var r = clean().attempt(new Attempt("1-4", Outcome.ACKNOWLEDGED, 4)).committed("1-4").result();
    assertThat(r.lost()).containsExactly("1-4");
  }

  @Test
  void anEventOfAWriteNobodyMadeIsUnexpected() {
    var r = clean().onTopic(event("ghost", "3", 1, 99)).result();
    assertThat(r.unexpected()).containsExactly("ghost");
  }

  @Test
  void anEventOfARefusedWriteIsUnexpected() {
    var r =
        clean()
            .attempt(new Attempt("1-4", Outcome.REFUSED, -1))
            .onTopic(event("1-4", "1", 4, 99))
            .result();
    assertThat(r.unexpected()).containsExactly("1-4");
  }

  @Test
  void anUnknownWriteIsRecoveredIfCommittedAndUnexpectedIfNot() {
    var committed =
        clean()
            .attempt(new Attempt("1-4", Outcome.UNKNOWN, -1))
            .committed("1-4")
            .onTopic(event("1-4", "1", 4, 99))
            .result();
    assertThat(committed.recovered()).isEqualTo(1);
    assertThat(committed.unexpected()).isEmpty();
    var rolledBack =
        clean()
            .attempt(new Attempt("1-4", Outcome.UNKNOWN, -1))
            .onTopic(event("1-4", "1", 4, 99))
            .result();
    assertThat(rolledBack.unexpected()).containsExactly("1-4");
  }

  @Test
  void aCommittedUnknownWriteThatNeverArrivesIsLost() {
    var r = clean().attempt(new Attempt("2-4", Outcome.UNKNOWN, -1)).committed("2-4").result();
    assertThat(r.lost()).containsExactly("2-4");
  }

  @Test
  void anAcknowledgedWriteTheDatabaseDoesNotHoldIsCounted() {
    var r = clean().attempt(new Attempt("2-4", Outcome.ACKNOWLEDGED, 4)).result();
    assertThat(r.notInDatabase()).containsExactly("2-4");
  }

  @Test
  void aWriteAppliedTwiceUnderTwoEventIdsIsUnexpected() {
    var r = clean().onTopic(new Event("1-3", UUID.randomUUID(), "1", 4, 0, 99)).result();
    assertThat(r.unexpected()).containsExactly("1-3");
  }

  @Test
  void redeliveredRecordsAreDuplicatesAndStaleWhenBehindANewerVersion() {
    var r = clean().onTopic(event("1-2", "1", 2, 50)).onTopic(event("2-3", "2", 3, 51)).result();
    assertThat(r.duplicatedOnTopic()).isEqualTo(2);
    assertThat(r.staleDuplicates()).isEqualTo(1); // v2 of key 1 after its v3; v3 of key 2 is not
    assertThat(r.disorder()).isEmpty();
  }

  @Test
  void versionsOutOfOrderOrWithAHoleAreReported() {
    var tally = new SetTally();
    long[] versions = {1, 3, 2, 5};
    for (int i = 0; i < versions.length; i++) {
      var op = "k-" + versions[i];
      tally.attempt(new Attempt(op, Outcome.ACKNOWLEDGED, versions[i])).committed(op);
      tally.onTopic(event(op, "k", versions[i], i));
    }
    var r = tally.result();
    assertThat(r.disorder()).containsExactly("k: v3 then v2");
    assertThat(r.gaps()).containsExactly("k: [1, 2, 3, 5]");
  }

  @Test
  void effectsAreComparedWithTheEventsAsSets() {
    var tally = clean();
    var extra = event("1-4", "1", 4, 99);
    tally.attempt(new Attempt("1-4", Outcome.ACKNOWLEDGED, 4)).committed("1-4").onTopic(extra);
    tally.effect(UUID.randomUUID());
    var r = tally.result();
    assertThat(r.missingEffects()).isEqualTo(1);
    assertThat(r.strayEffects()).isEqualTo(1);
  }
}
