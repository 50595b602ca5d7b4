package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.DedupStore;
import dev.keystone.consumerkit.internal.ParkingStore;
import dev.keystone.consumerkit.internal.RebuildGate;
import dev.keystone.consumerkit.internal.TransactionRunner;
import dev.keystone.consumerkit.internal.VersionStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The kit's tables in memory — processed events, consumer versions, parked messages, the rebuild
 * gate and its held deliveries — and the transactions over them: one at a time, and a transaction
 * that throws leaves every table as it found it, as a rolled-back PostgreSQL transaction does. The
 * consumer's effect takes part by keeping its state in {@link #effects}.
 */
final class FakeKitDatabase
    implements TransactionRunner, DedupStore, VersionStore, ParkingStore, RebuildGate {

  private Set<String> processed = new HashSet<>();
  private Map<String, Long> versions = new HashMap<>();
  private List<ParkedMessage> parked = new ArrayList<>();
  private long nextSeq = 1;
  private Set<String> rebuilding = new HashSet<>();
  private List<Held> held = new ArrayList<>();

  /** The consumers' own table: what their effects applied, in commit order. */
  private List<String> effects = new ArrayList<>();

  @Override
  public synchronized <T> T inNewTransaction(Work<T> work) throws SQLException {
    var before = snapshot();
    try {
      return work.run();
    } catch (SQLException | RuntimeException e) {
      restore(before);
      throw e;
    }
  }

  @Override
  public boolean databaseAnswers() {
    return true;
  }

  /** Called by an effect inside its transaction. */
  void applied(String effect) {
    effects.add(effect);
  }

  synchronized List<String> effects() {
    return List.copyOf(effects);
  }

  synchronized List<ParkedMessage> parked(String key) {
    return parked.stream().filter(p -> p.key().equals(key)).toList();
  }

  @Override
  public boolean firstTime(String consumer, UUID eventId) {
    return processed.add(consumer + "/" + eventId);
  }

  @Override
  public boolean advance(String consumer, String aggregateType, String aggregateId, long version) {
    var key = consumer + "/" + aggregateType + "/" + aggregateId;
    if (versions.getOrDefault(key, Long.MIN_VALUE) >= version) {
      return false;
    }
    versions.put(key, version);
    return true;
  }

  @Override
  public void lockKey(String consumer, String key) {
    // one transaction at a time already
  }

  @Override
  public boolean isParked(String consumer, String key) {
    return parked.stream().anyMatch(p -> p.consumer().equals(consumer) && p.key().equals(key));
  }

  @Override
  public void park(
      String consumer, IncomingRecord record, UUID eventId, boolean deadLettered, String error) {
    if (eventId != null
        && parked.stream()
            .anyMatch(p -> p.consumer().equals(consumer) && eventId.equals(p.eventId()))) {
      return; // the unique index on (consumer, event_id)
    }
    parked.add(
        new ParkedMessage(
            nextSeq++,
            consumer,
            record.key(),
            eventId,
            record.topic(),
            record.partition(),
            record.offset(),
            deadLettered,
            error,
            Instant.now(),
            record.value()));
  }

  @Override
  public Optional<ParkedMessage> head(String consumer, String key) {
    return parked.stream()
        .filter(p -> p.consumer().equals(consumer) && p.key().equals(key))
        .findFirst();
  }

  @Override
  public void markFailed(long seq, String error) {
    parked.replaceAll(
        p ->
            p.seq() != seq
                ? p
                : new ParkedMessage(
                    p.seq(),
                    p.consumer(),
                    p.key(),
                    p.eventId(),
                    p.topic(),
                    p.partition(),
                    p.offset(),
                    true,
                    error,
                    p.parkedAt(),
                    p.payload()));
  }

  @Override
  public int delete(String consumer, String key, Long seq) {
    int before = parked.size();
    parked.removeIf(
        p ->
            p.consumer().equals(consumer)
                && p.key().equals(key)
                && (seq == null || p.seq() == seq));
    return before - parked.size();
  }

  /** An operator's request: the consumer's gate closes. */
  synchronized void requestRebuild(String consumer) {
    rebuilding.add(consumer);
  }

  synchronized boolean gateClosed(String consumer) {
    return rebuilding.contains(consumer);
  }

  /** The consumers' own table emptied by a rebuild's reset. */
  void clearEffects() {
    effects.clear();
  }

  @Override
  public boolean holdIfRebuilding(String consumer, IncomingRecord record, UUID eventId) {
    if (!rebuilding.contains(consumer)) {
      return false;
    }
    held.add(new Held(nextSeq++, record));
    return true;
  }

  @Override
  public void closeAndForget(String consumer) {
    processed.removeIf(p -> p.startsWith(consumer + "/"));
    versions.keySet().removeIf(k -> k.startsWith(consumer + "/"));
    parked.removeIf(p -> p.consumer().equals(consumer));
  }

  @Override
  public List<Held> held(String consumer, int limit) {
    return held.stream().limit(limit).toList(); // one consumer per test
  }

  @Override
  public long heldCount(String consumer) {
    return held.size();
  }

  @Override
  public void release(long seq) {
    held.removeIf(h -> h.seq() == seq);
  }

  @Override
  public boolean openIfDrained(String consumer, long rebuildId, String runner) {
    if (!held.isEmpty()) {
      return false;
    }
    rebuilding.remove(consumer);
    return true;
  }

  private record Snapshot(
      Set<String> processed,
      Map<String, Long> versions,
      List<ParkedMessage> parked,
      List<String> effects,
      Set<String> rebuilding,
      List<Held> held) {}

  private Snapshot snapshot() {
    return new Snapshot(
        new HashSet<>(processed),
        new HashMap<>(versions),
        new ArrayList<>(parked),
        new ArrayList<>(effects),
        new HashSet<>(rebuilding),
        new ArrayList<>(held));
  }

  private void restore(Snapshot s) {
    processed = s.processed();
    versions = s.versions();
    parked = s.parked();
    effects = s.effects();
    rebuilding = s.rebuilding();
    held = s.held();
  }
}
