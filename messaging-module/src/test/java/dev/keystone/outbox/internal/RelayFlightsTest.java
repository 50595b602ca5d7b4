package dev.keystone.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayFlightsTest {

  /** How long a test lets a launch that must wait try to get through. */
  private static final long HELD_MS = 300;

  private RelayFlights flights;

  @AfterEach
  void stop() {
    if (flights != null) {
      flights.stop();
    }
  }

  private static OutboxRecord event(String aggregateId, long version) {
    return new OutboxRecord(
        UUID.randomUUID(), "product", aggregateId, version, "keystone.product", "{}");
  }

  /** A take-off that sends nothing and counts down {@code tookOff}. */
  private static RelayFlights.TakeOff sent(CountDownLatch tookOff) {
    return round -> {
      tookOff.countDown();
      var acked = round.stream().map(r -> CompletableFuture.<String>completedFuture(null)).toList();
      return new RelayFlights.Flight(null, round, acked);
    };
  }

  /** Launches on a thread of its own (a launch that must wait blocks its caller). */
  private static void launchAside(
      RelayFlights flights, List<OutboxRecord> round, CountDownLatch l) {
    var thread =
        new Thread(
            () -> {
              try {
                flights.launch(round, sent(l));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    thread.setDaemon(true);
    thread.start();
  }

  /** A landing that holds every flight until {@code release} opens, recording each landing. */
  private static RelayFlights.Landing heldUntil(
      CountDownLatch release, List<RelayFlights.Flight> landed, List<Boolean> waited) {
    return (flight, wait) -> {
      if (wait) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      landed.add(flight);
      waited.add(wait);
    };
  }

  @Test
  void nextVersionOfAnAggregateTakesOffOnlyAfterThePreviousLanded() throws Exception {
    var release = new CountDownLatch(1);
    var landed = new CopyOnWriteArrayList<RelayFlights.Flight>();
    flights = new RelayFlights(4, heldUntil(release, landed, new CopyOnWriteArrayList<>()));
    flights.start(Thread::new);

    flights.launch(List.of(event("a", 1)), sent(new CountDownLatch(1)));
    var secondOfA = new CountDownLatch(1);
    launchAside(flights, List.of(event("a", 2)), secondOfA);
    var otherAggregate = new CountDownLatch(1);
    launchAside(flights, List.of(event("b", 1)), otherAggregate);

    assertTrue(otherAggregate.await(10, TimeUnit.SECONDS), "another aggregate is not held");
    assertFalse(
        secondOfA.await(HELD_MS, TimeUnit.MILLISECONDS), "version 2 waits for version 1's landing");
    release.countDown();
    assertTrue(secondOfA.await(10, TimeUnit.SECONDS), "version 2 takes off once 1 has landed");
  }

  @Test
  void noMoreRoundsAreInTheAirThanAllowed() throws Exception {
    var release = new CountDownLatch(1);
    flights =
        new RelayFlights(
            2, heldUntil(release, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()));
    flights.start(Thread::new);

    flights.launch(List.of(event("a", 1)), sent(new CountDownLatch(1)));
    flights.launch(List.of(event("b", 1)), sent(new CountDownLatch(1)));
    var third = new CountDownLatch(1);
    launchAside(flights, List.of(event("c", 1)), third);

    assertFalse(third.await(HELD_MS, TimeUnit.MILLISECONDS), "two in the air: the third waits");
    release.countDown();
    assertTrue(third.await(10, TimeUnit.SECONDS));
  }

  @Test
  void stoppingLandsWhatIsLeftWithoutWaitingForAcks() throws Exception {
    var landing = new CountDownLatch(1);
    var allLanded = new CountDownLatch(4);
    var landed = new CopyOnWriteArrayList<String>(); // "aggregate:waited for its acks"
    flights =
        new RelayFlights(
            4,
            (flight, wait) -> {
              if (wait) {
                landing.countDown();
                try {
                  new CountDownLatch(1).await(); // acks that never come
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              landed.add(flight.rows().get(0).aggregateId() + ":" + wait);
              allLanded.countDown();
            });
    flights.start(Thread::new);
    flights.launch(List.of(event("a", 1)), sent(new CountDownLatch(1)));
    assertTrue(landing.await(10, TimeUnit.SECONDS));
    flights.launch(List.of(event("b", 1)), sent(new CountDownLatch(1)));
    flights.launch(List.of(event("c", 1)), sent(new CountDownLatch(1)));

    flights.stop();
    flights.launch(List.of(event("d", 1)), sent(new CountDownLatch(1))); // after the stop

    assertTrue(allLanded.await(10, TimeUnit.SECONDS), "every round lands, none keeps its locks");
    // The rest may land on the stopping landing thread and on the launching one at once (d was
    // launched after the stop), so in any order; each exactly once, and only a waited for acks.
    assertEquals(Set.of("a:true", "b:false", "c:false", "d:false"), Set.copyOf(landed));
    assertEquals(4, landed.size());
  }

  @Test
  void aFailedLandingStillFreesItsAggregateAndItsSlot() throws Exception {
    flights =
        new RelayFlights(
            1,
            (flight, wait) -> {
              throw new IllegalStateException("database away");
            });
    flights.start(Thread::new);

    flights.launch(List.of(event("a", 1)), sent(new CountDownLatch(1)));
    var again = new CountDownLatch(1);
    launchAside(flights, List.of(event("a", 2)), again);

    assertTrue(again.await(10, TimeUnit.SECONDS), "the failed round's slot and aggregate are free");
  }

  @Test
  void aRoundWithNothingLockedHoldsNoSlot() throws Exception {
    var release = new CountDownLatch(1);
    flights =
        new RelayFlights(
            1, heldUntil(release, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()));
    flights.start(Thread::new);

    flights.launch(List.of(event("a", 1)), round -> null); // another server holds it
    var next = new CountDownLatch(1);
    launchAside(flights, List.of(event("b", 1)), next);

    assertTrue(next.await(10, TimeUnit.SECONDS));
    assertEquals(1, release.getCount());
  }
}
