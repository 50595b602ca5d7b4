package dev.keystone.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RelayWorkerTest {

  private static OutboxRecord event(int n) {
    return new OutboxRecord(UUID.randomUUID(), "product", "" + n, 1, "keystone.product", "{}");
  }

  @Test
  void aFullQueueRefusesAtOnceInsteadOfBlockingTheCaller() throws Exception {
    var busy = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var worker =
        new RelayWorker(
            3,
            10,
            batch -> {
              busy.countDown();
              release.await();
            });
    worker.start(Thread::new);
    try {
      assertTrue(worker.offer(event(0))); // taken by the worker, which then blocks in the relay
      assertTrue(busy.await(10, TimeUnit.SECONDS));
      assertTrue(worker.offer(event(1)));
      assertTrue(worker.offer(event(2)));
      assertTrue(worker.offer(event(3)));
      long start = System.nanoTime();
      assertFalse(worker.offer(event(4)), "a full queue refuses: the sweeper sends that row");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
    } finally {
      release.countDown();
      worker.stop();
    }
  }

  @Test
  void rowsThatQueuedUpGoOutAsBatchesOfAtMostTheBatchSize() throws Exception {
    var busy = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var batches = new CopyOnWriteArrayList<List<OutboxRecord>>();
    var all = new CountDownLatch(26);
    var worker =
        new RelayWorker(
            100,
            10,
            batch -> {
              batches.add(List.copyOf(batch));
              batch.forEach(r -> all.countDown());
              busy.countDown();
              release.await();
            });
    worker.start(Thread::new);
    try {
      var sent = new ArrayList<OutboxRecord>();
      for (int i = 0; i < 26; i++) {
        sent.add(event(i));
        assertTrue(worker.offer(sent.get(i)));
        if (i == 0) {
          assertTrue(busy.await(10, TimeUnit.SECONDS)); // the first row went alone, at once
        }
      }
      release.countDown();
      assertTrue(all.await(10, TimeUnit.SECONDS));

      assertEquals(List.of(1, 10, 10, 5), batches.stream().map(List::size).toList());
      assertEquals(sent, batches.stream().flatMap(List::stream).toList(), "in queue order, once");
    } finally {
      worker.stop();
    }
  }

  @Test
  void aFailingBatchDoesNotStopTheWorker() throws Exception {
    var calls = new CountDownLatch(2);
    var worker =
        new RelayWorker(
            10,
            1,
            batch -> {
              calls.countDown();
              throw new IllegalStateException("database away");
            });
    worker.start(Thread::new);
    try {
      worker.offer(event(1));
      worker.offer(event(2));
      assertTrue(calls.await(10, TimeUnit.SECONDS));
    } finally {
      worker.stop();
    }
  }
}
