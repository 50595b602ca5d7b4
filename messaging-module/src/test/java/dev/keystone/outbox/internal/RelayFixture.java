package dev.keystone.outbox.internal;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The relay and the sweeper wired to an in-memory outbox table, an in-memory broker and a clock of
 * the test's own, with the production defaults for back-off (1 s doubling up to 10 s) and the sweep
 * delay shortened to 500 ms of that clock.
 */
final class RelayFixture {

  static final long BACKOFF_MS = 1000;
  static final long MAX_BACKOFF_MS = 10_000;
  static final long SWEEP_DELAY_MS = 500;

  private static final ManagedThreadFactory THREADS =
      new ManagedThreadFactory() {
        @Override
        public Thread newThread(Runnable task) {
          var thread = new Thread(task, "relay-under-test");
          thread.setDaemon(true);
          return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
          throw new UnsupportedOperationException();
        }
      };

  final TestClock clock = new TestClock();
  final FakeOutbox outbox = new FakeOutbox(clock);
  final FakeSender broker = new FakeSender();
  final OutboxRelay relay = new OutboxRelay();

  RelayFixture() {
    relay.enabled = true;
    relay.workerCount = 1;
    relay.queueCapacity = 5000;
    relay.ackTimeoutMillis = 15_000;
    relay.retryBackoffMillis = BACKOFF_MS;
    relay.maxBackoffMillis = MAX_BACKOFF_MS;
    relay.threads = THREADS;
    relay.store = outbox;
    relay.sender = broker;
    relay.metrics = broker;
    relay.clock = clock;
  }

  /** Starts the fast path with this batch size and rounds in the air. */
  OutboxRelay start(int batchSize, int inFlight) {
    relay.batchSize = batchSize;
    relay.maxInFlight = inFlight;
    relay.startWorkers();
    return relay;
  }

  void stop() {
    relay.stopWorkers();
  }

  OutboxSweeper sweeper() {
    var sweeper = new OutboxSweeper();
    sweeper.rows = outbox;
    sweeper.relay = relay;
    sweeper.enabled = true;
    sweeper.delayMillis = SWEEP_DELAY_MS;
    sweeper.batch = 200;
    return sweeper;
  }

  /** An event of product {@code id}, at {@code version}. */
  static OutboxRecord event(String id, long version) {
    return new OutboxRecord(
        UUID.randomUUID(), "product", id, version, "keystone.product", "{\"v\":" + version + "}");
  }

  /** Commits rows without handing them to the relay (their after-commit observer is late). */
  void commit(OutboxRecord... records) {
    for (var record : records) {
      outbox.insert(record);
    }
  }

  /** Commits rows and hands them to the relay, as the writer's after-commit observer does. */
  void publish(OutboxRecord... records) {
    commit(records);
    relay.publish(List.of(records));
  }

  static List<UUID> ids(OutboxRecord... records) {
    return List.of(records).stream().map(OutboxRecord::eventId).toList();
  }
}
