package dev.keystone.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void isAVersion7UuidCarryingItsTime() {
    var time = Instant.parse("2026-11-30T03:04:05.678Z");

    var id = EventIds.at(time.toEpochMilli(), UUID.randomUUID());

    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    assertEquals(time, EventIds.time(id));
    // RFC 9562: the time first, big-endian (0x01a22a68df2e ms), then the version nibble
    assertTrue(id.toString().startsWith("01a22a68-df2e-7"), id::toString);
  }

  @Test
  void keepsTheRandomBits() {
    var random = UUID.fromString("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");

    assertEquals(UUID.fromString("00000000-0000-7978-8695-a4b3c2d1e0f9"), EventIds.at(0, random));
  }

  @Test
  void sortsByTimeAsPostgresqlDoes() {
    var ids = new ArrayList<UUID>();
    for (long ms = 1_700_000_000_000L; ms < 1_700_000_005_000L; ms += 7) {
      ids.add(EventIds.at(ms, UUID.randomUUID()));
    }

    // PostgreSQL compares uuids as unsigned bytes, which is how their hex text compares.
    assertEquals(ids, ids.stream().sorted(Comparator.comparing(UUID::toString)).toList());
  }

  @Test
  void doesNotRepeatWithinOneMillisecond() {
    var seen = new HashSet<UUID>();
    for (int i = 0; i < 100_000; i++) {
      seen.add(EventIds.at(42, UUID.randomUUID()));
    }

    assertEquals(100_000, seen.size());
  }

  @Test
  void anEventsIdCarriesItsTime() {
    var time = Instant.parse("2026-11-30T03:04:05.678912Z");

    var id = EventIds.of(time);

    assertEquals(7, id.version());
    assertEquals(Instant.parse("2026-11-30T03:04:05.678Z"), EventIds.time(id));
  }
}
