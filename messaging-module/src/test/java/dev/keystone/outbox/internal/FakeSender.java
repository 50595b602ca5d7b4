package dev.keystone.outbox.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker in memory: records every record it is handed, in order, and acknowledges it at once
 * unless the test asked it to fail that row or to hold its ack.
 */
final class FakeSender implements EventSender, SendCounters {

  final List<OutboxRecord> received = new CopyOnWriteArrayList<>();
  private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
  private final Set<UUID> holding = ConcurrentHashMap.newKeySet();
  private final Map<UUID, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
  private volatile boolean down;
  private volatile int ackDelayMillis = -1;

  /** Fails every send of this row until {@link #recover}. */
  void failEvery(UUID eventId) {
    failing.add(eventId);
  }

  /** Fails every send, like a broker that is away. */
  void goDown() {
    down = true;
  }

  void recover() {
    down = false;
    failing.clear();
  }

  /** Acknowledges every row on another thread, after up to this many milliseconds. */
  void ackAfterAtMostMillis(int millis) {
    ackDelayMillis = millis;
  }

  /** Holds this row's ack until {@link #ack}. */
  void holdAckOf(UUID eventId) {
    holding.add(eventId);
  }

  void ack(UUID eventId) {
    held.remove(eventId).complete(null);
  }

  boolean holds(UUID eventId) {
    return held.containsKey(eventId);
  }

  @Override
  public CompletionStage<Void> send(OutboxRecord record) {
    received.add(record);
    if (down || failing.contains(record.eventId())) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
    }
    if (holding.contains(record.eventId())) {
      var ack = new CompletableFuture<Void>();
      held.put(record.eventId(), ack);
      return ack;
    }
    if (ackDelayMillis >= 0) {
      var later =
          CompletableFuture.delayedExecutor(
              ThreadLocalRandom.current().nextInt(ackDelayMillis + 1), TimeUnit.MILLISECONDS);
      return CompletableFuture.runAsync(() -> {}, later);
    }
    return CompletableFuture.completedFuture(null);
  }

  /** The versions of one aggregate in the order they were handed over (retries included). */
  List<Long> versionsSent(String aggregateKey) {
    return received.stream()
        .filter(r -> r.aggregateKey().equals(aggregateKey))
        .map(OutboxRecord::aggregateVersion)
        .toList();
  }

  final AtomicInteger sent = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  @Override
  public void sent() {
    sent.incrementAndGet();
  }

  @Override
  public void failed() {
    failed.incrementAndGet();
  }
}
