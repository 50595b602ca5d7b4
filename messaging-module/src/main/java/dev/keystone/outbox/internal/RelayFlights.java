package dev.keystone.outbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * The rounds one {@link RelayWorker} has sent whose acks and commit are still to come, and the
 * thread that lands them. Splitting a round in two (claim and send on the worker's thread; await
 * the acks and commit here) lets the worker claim and send the next round while the broker and the
 * database finish the previous one: a row waiting in the queue no longer waits for someone else's
 * acks and commit, which was most of the fast path's tail latency under load.
 *
 * <p>Order is kept by the aggregate, not by the pipeline: {@link #launch} holds a round back until
 * no flight in the air carries one of its aggregates, so version N+1 is claimed only after the
 * commit that published version N's mark (the claiming statement would skip it otherwise, and leave
 * it to the sweeper). At most {@code maxInFlight} rounds are in the air at once; each holds a
 * database connection and its rows' locks until it lands.
 */
final class RelayFlights implements Runnable {

  private static final Logger LOG = Logger.getLogger(RelayFlights.class.getName());

  /**
   * A round in the air: its transaction (holding the rows' locks), rows, and their send outcomes.
   */
  record Flight(
      RelayStore.Tx tx, List<OutboxRecord> rows, List<CompletableFuture<String>> outcomes) {}

  /** Claims and sends one round; null if none of its rows could be claimed. */
  interface TakeOff {
    Flight launch(List<OutboxRecord> round) throws Exception;
  }

  /** Awaits a flight's outcomes (or only looks at them, if {@code wait} is false) and commits. */
  interface Landing {
    void land(Flight flight, boolean wait);
  }

  /** A flight and what completes when it has landed. */
  private record InAir(Flight flight, CompletableFuture<Void> landed) {}

  private final Semaphore slots;
  private final BlockingQueue<InAir> inAir = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Void>> aggregatesInAir = new ConcurrentHashMap<>();
  private final Landing landing;
  private volatile Thread thread;
  private volatile boolean stopped;

  RelayFlights(int maxInFlight, Landing landing) {
    this.slots = new Semaphore(Math.max(1, maxInFlight));
    this.landing = landing;
  }

  void start(ThreadFactory threads) {
    thread = threads.newThread(this);
    thread.start();
  }

  /** Stops landing: flights still in the air are landed without waiting for their acks. */
  void stop() {
    var t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * Waits until none of {@code round}'s aggregates is in the air and a slot is free, then takes the
   * round off (on the caller's thread, the worker's) and hands it to the landing thread.
   */
  void launch(List<OutboxRecord> round, TakeOff takeOff) throws Exception {
    for (var record : round) {
      var landed = aggregatesInAir.get(record.aggregateKey());
      if (landed != null) {
        landed.get();
      }
    }
    slots.acquire();
    Flight flight;
    try {
      flight = takeOff.launch(round);
    } catch (Exception | Error e) {
      slots.release();
      throw e;
    }
    if (flight == null) {
      slots.release();
      return;
    }
    var landed = new CompletableFuture<Void>();
    flight.rows().forEach(r -> aggregatesInAir.put(r.aggregateKey(), landed));
    inAir.add(new InAir(flight, landed));
    if (stopped) {
      landRest(); // the landing thread is gone: nobody else would release the rows' locks
    }
  }

  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        land(inAir.take(), true);
      }
    } catch (InterruptedException e) {
      // stopping: land what is left, without waiting for acks
    }
    stopped = true;
    landRest();
  }

  private void landRest() {
    var left = new ArrayList<InAir>();
    inAir.drainTo(left);
    left.forEach(one -> land(one, false));
  }

  private void land(InAir one, boolean wait) {
    var flight = one.flight();
    try {
      landing.land(flight, wait);
    } catch (RuntimeException e) {
      LOG.warning(() -> "Relay left " + flight.rows().size() + " rows to the sweeper: " + e);
    } finally {
      flight.rows().forEach(r -> aggregatesInAir.remove(r.aggregateKey(), one.landed()));
      one.landed().complete(null);
      slots.release();
    }
  }
}
