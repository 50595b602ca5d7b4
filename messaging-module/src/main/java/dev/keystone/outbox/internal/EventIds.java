package dev.keystone.outbox.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * Event ids (the outbox's primary key and the CloudEvents {@code id}): UUID version 7 (RFC 9562),
 * whose first 48 bits are the creation time in milliseconds and whose other 74 bits are random.
 *
 * <p>Why not version 4: PostgreSQL orders uuids by their bytes, so random ids put every new row's
 * key on a random page of {@code outbox_pkey}, and every relay mark (a new row version, so a new
 * key entry) on another one. Once the index outgrows the buffer cache each of those is a read, and
 * after every checkpoint a full-page image in the WAL. Time-ordered ids keep the inserts on the
 * index's last pages, the part the relay and the sweeper work on.
 */
final class EventIds {

  private EventIds() {}

  /** A new id for an event of {@code time} (the envelope's {@code time}: both say the same). */
  static UUID of(Instant time) {
    return at(time.toEpochMilli(), UUID.randomUUID());
  }

  /**
   * The version-7 id of {@code epochMillis} whose random bits are {@code random}'s (a version-4
   * uuid: 122 random bits from a SecureRandom, of which this keeps 74, version and variant aside).
   */
  static UUID at(long epochMillis, UUID random) {
    long msb = epochMillis << 16 | 0x7000L | random.getMostSignificantBits() & 0x0FFFL;
    return new UUID(msb, random.getLeastSignificantBits()); // variant bits: random's, RFC 4122
  }

  /** The creation time of version-7 {@code id}. */
  static Instant time(UUID id) {
    return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
  }
}
