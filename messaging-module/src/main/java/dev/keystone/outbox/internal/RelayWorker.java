package dev.keystone.outbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * One relay thread and its bounded queue of committed outbox rows. The thread takes what has queued
 * up since its last pass, up to {@code batchSize} rows, and hands them to the relay as one batch:
 * under load the per-batch costs (a connection, one locking statement, one update, one commit) are
 * shared by many rows, and with a quiet queue a row goes out alone at once.
 *
 * <p>{@link #offer} never blocks: the after-commit observer calls it on the HTTP request's thread.
 * A full queue refuses the row, and the sweeper sends it later; the queue cannot grow without bound
 * while the broker or the database is slow.
 */
final class RelayWorker implements Runnable {

  private static final Logger LOG = Logger.getLogger(RelayWorker.class.getName());

  /** Sends one batch; returns when every row of it is sent or left to the sweeper. */
  interface BatchRelay {
    void relay(List<OutboxRecord> batch) throws InterruptedException;
  }

  private final BlockingQueue<OutboxRecord> queue;
  private final int batchSize;
  private final BatchRelay relay;
  private volatile Thread thread;

  RelayWorker(int capacity, int batchSize, BatchRelay relay) {
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    this.batchSize = Math.max(1, batchSize);
    this.relay = relay;
  }

  /** Queues a committed row; false at once if the queue is full (the sweeper will send it). */
  boolean offer(OutboxRecord record) {
    return queue.offer(record);
  }

  void start(ThreadFactory threads) {
    thread = threads.newThread(this);
    thread.start();
  }

  /** Stops the thread; queued rows stay unpublished in the table, for the next sweep. */
  void stop() {
    var t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public void run() {
    var batch = new ArrayList<OutboxRecord>(batchSize);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, batchSize - 1);
        relay.relay(batch);
      } catch (InterruptedException e) {
        return; // the application is stopping
      } catch (RuntimeException e) {
        int size = batch.size();
        LOG.warning(() -> "Relay left " + size + " rows to the sweeper: " + e);
      } finally {
        batch.clear();
      }
    }
  }
}
