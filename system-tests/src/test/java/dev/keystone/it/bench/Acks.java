package dev.keystone.it.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each write's 201 arrived, by created id: the start of a commit→consumer measurement (the
 * transaction has committed when the 201 is sent). Both a monotonic time (to compare with a Kafka
 * consumer in this JVM) and a wall-clock time (to compare with PostgreSQL's {@code now()} of the
 * consumer's effect, on the same machine).
 */
final class Acks {

  /** One 201: {@link System#nanoTime()} and epoch microseconds. */
  record Ack(long nanos, long epochMicros) {}

  private static final Map<String, Ack> ACKS = new ConcurrentHashMap<>();

  private Acks() {}

  static void record(String id) {
    ACKS.put(
        id, new Ack(System.nanoTime(), ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())));
  }

  /** The acks recorded since the last call, and forgets them. */
  static Map<String, Ack> drain() {
    var copy = Map.copyOf(ACKS);
    ACKS.keySet().removeAll(copy.keySet());
    return copy;
  }
}
