package dev.keystone.it.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A set checker for a write stream under a fault, fed by observers that do not trust each other:
 * what the client was told (each attempt's outcome), what the database holds (the writes that
 * committed, read with plain JDBC), what is on the topic (every record, read to the end by a plain
 * consumer) and what the consumers did (their effects, by event id). Each write carries its own
 * operation id (a SKU, an adjustment's reason), so every event on the topic names the attempt it
 * came from and the sets are compared by that id, never by counts.
 *
 * <p>An attempt whose answer was lost (no reply, a 5xx) is of unknown outcome: it may have
 * committed. It is then expected on the topic exactly when the database holds it ({@code
 * recovered}); an event of an attempt that was refused, never attempted, or unknown and absent from
 * the database is {@code unexpected}.
 */
public final class SetTally {

  /** What the client was told. */
  public enum Outcome {
    /** 2xx: the write is acknowledged. */
    ACKNOWLEDGED,
    /** A definite refusal (4xx other than a timeout): nothing may have been written. */
    REFUSED,
    /** No answer, a 5xx or a timeout: it may or may not have committed. */
    UNKNOWN
  }

  /** One write attempt; {@code version} is the acknowledged version, or -1. */
  public record Attempt(String op, Outcome outcome, long version) {}

  /** One record on the topic, with the operation id its payload names. */
  public record Event(String op, UUID id, String key, long version, int partition, long offset) {}

  private final Map<String, Attempt> attempts = new HashMap<>();
  private final List<Event> topic = new ArrayList<>();
  private final Set<String> committed = new HashSet<>();
  private final Set<UUID> effects = new HashSet<>();

  public SetTally attempt(Attempt attempt) {
    attempts.put(attempt.op(), attempt);
    return this;
  }

  /** A record read off the topic, in any order (the tally sorts by partition and offset). */
  public SetTally onTopic(Event event) {
    topic.add(event);
    return this;
  }

  /** An operation the database holds (its row committed). */
  public SetTally committed(String op) {
    committed.add(op);
    return this;
  }

  /** An event id whose effect a consumer recorded. */
  public SetTally effect(UUID eventId) {
    effects.add(eventId);
    return this;
  }

  /** The figures, and the ids behind the ones that must be zero. */
  public Result result() {
    var byOffset = new ArrayList<>(topic);
    byOffset.sort(Comparator.comparingInt(Event::partition).thenComparingLong(Event::offset));
    var distinct = new HashMap<UUID, Event>();
    var eventsOfOp = new HashMap<String, Set<UUID>>();
    var lastVersion = new HashMap<String, Long>();
    var versions = new HashMap<String, TreeSet<Long>>();
    var disorder = new ArrayList<String>();
    int staleDuplicates = 0;
    for (var e : byOffset) {
      if (distinct.putIfAbsent(e.id(), e) != null) {
        // a redelivered record: harmless to consumers that deduplicate, unless it follows a newer
        // version of its key (then a consumer that trusts offsets would go back in time)
        if (lastVersion.getOrDefault(e.key(), Long.MIN_VALUE) > e.version()) {
          staleDuplicates++;
        }
        continue;
      }
      eventsOfOp.computeIfAbsent(e.op(), k -> new HashSet<>()).add(e.id());
      versions.computeIfAbsent(e.key(), k -> new TreeSet<>()).add(e.version());
      var previous = lastVersion.put(e.key(), e.version());
      if (previous != null && previous >= e.version()) {
        disorder.add(e.key() + ": v" + previous + " then v" + e.version());
      }
    }
    var gaps = new ArrayList<String>();
    versions.forEach(
        (key, seen) -> {
          if (seen.last() - seen.first() + 1 != seen.size()) {
            gaps.add(key + ": " + seen);
          }
        });
    var lost = new TreeSet<String>();
    var unexpected = new TreeSet<String>();
    int recovered = 0;
    for (var a : attempts.values()) {
      boolean published = eventsOfOp.containsKey(a.op());
      if (a.outcome() == Outcome.ACKNOWLEDGED && !published) {
        lost.add(a.op());
      }
      if (a.outcome() == Outcome.UNKNOWN && committed.contains(a.op())) {
        if (published) {
          recovered++;
        } else {
          lost.add(a.op()); // committed, so it must be published like any other write
        }
      }
    }
    for (var entry : eventsOfOp.entrySet()) {
      var op = entry.getKey();
      var a = attempts.get(op);
      boolean explained =
          a != null
              && (a.outcome() == Outcome.ACKNOWLEDGED
                  || (a.outcome() == Outcome.UNKNOWN && committed.contains(op)));
      if (!explained || entry.getValue().size() > 1) {
        unexpected.add(op); // never attempted, refused, not committed, or applied twice
      } else if (a.outcome() == Outcome.ACKNOWLEDGED && a.version() >= 0) {
        var e = distinct.get(entry.getValue().iterator().next());
        if (e.version() != a.version()) {
          unexpected.add(
              op + " (acknowledged v" + a.version() + ", published v" + e.version() + ")");
        }
      }
    }
    var notInDatabase = new TreeSet<String>();
    for (var a : attempts.values()) {
      if (a.outcome() == Outcome.ACKNOWLEDGED && !committed.contains(a.op())) {
        notInDatabase.add(a.op());
      }
    }
    var missingEffects = new HashSet<>(distinct.keySet());
    missingEffects.removeAll(effects);
    var strayEffects = new HashSet<>(effects);
    strayEffects.removeAll(distinct.keySet());
    int acknowledged = count(Outcome.ACKNOWLEDGED);
    return new Result(
        attempts.size(),
        acknowledged,
        count(Outcome.UNKNOWN),
        count(Outcome.REFUSED),
        distinct.size(),
        topic.size() - distinct.size(),
        staleDuplicates,
        recovered,
        List.copyOf(lost),
        List.copyOf(unexpected),
        List.copyOf(notInDatabase),
        List.copyOf(disorder),
        List.copyOf(gaps),
        missingEffects.size(),
        strayEffects.size());
  }

  private int count(Outcome outcome) {
    return (int) attempts.values().stream().filter(a -> a.outcome() == outcome).count();
  }

  /**
   * The tally: attempted, acknowledged, unknown and refused attempts; distinct events on the topic
   * and the records beyond them (duplicated), of which stale ones came after a newer version of
   * their key; unknown attempts that committed and were published (recovered); the ops lost,
   * unexpected, acknowledged but not in the database; per-key order violations and version gaps
   * among distinct events; events without an effect, effects without an event.
   */
  public record Result(
      int attempted,
      int acknowledged,
      int unknown,
      int refused,
      int published,
      int duplicatedOnTopic,
      int staleDuplicates,
      int recovered,
      List<String> lost,
      List<String> unexpected,
      List<String> notInDatabase,
      List<String> disorder,
      List<String> gaps,
      int missingEffects,
      int strayEffects) {

    @Override
    public String toString() {
      return ("attempted %d, acknowledged %d, unknown outcome %d, refused %d, recovered %d;"
              + " lost %d, unexpected %d, duplicated on topic %d (stale %d), not in database %d,"
              + " out of order %d, version gaps %d, missing effects %d, stray effects %d")
          .formatted(
              attempted,
              acknowledged,
              unknown,
              refused,
              recovered,
              lost.size(),
              unexpected.size(),
              duplicatedOnTopic,
              staleDuplicates,
              notInDatabase.size(),
              disorder.size(),
              gaps.size(),
              missingEffects,
              strayEffects);
    }
  }
}
