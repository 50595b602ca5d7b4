package dev.keystone.it.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Successful writes per target and measured round of {@link WriteLoopSimulation} (Gatling runs in
 * this JVM), so the table can show each round's rates and ratio, not only the total: one round's
 * figure scatters by tens of percent on a shared machine, and the reader should see by how much.
 */
final class WriteRounds {

  private static final Map<String, LongAdder> OK = new ConcurrentHashMap<>();

  private WriteRounds() {}

  static void ok(String target, int round) {
    OK.computeIfAbsent(key(target, round), k -> new LongAdder()).increment();
  }

  static long count(String target, int round) {
    var adder = OK.get(key(target, round));
    return adder == null ? 0 : adder.sum();
  }

  private static String key(String target, int round) {
    return target + " r" + round;
  }
}
