package dev.keystone.cache.internal;

import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last decoded value per key, with the JSON it was decoded from: a Redis-tier hit whose bytes
 * are unchanged skips the JSON parse, the largest cost of a hit after the round trip. Every hit
 * still reads Redis, and a value is reused only for byte-equal JSON, so this changes no answer
 * (coherence stays Redis's); values are immutable records, shared by readers as in {@link
 * NearCache}. Bounded like the near cache: cleared when full, hot keys come back at once.
 */
final class DecodedValues {

  private static final int MAX_ENTRIES = 10_000;

  private record Decoded(String json, Type type, Object value) {}

  private final ConcurrentHashMap<String, Decoded> byKey = new ConcurrentHashMap<>();

  /** The value of {@code json} as {@code type}, decoded at most once while the bytes stay. */
  Object decode(String key, String json, Type type) {
    var held = byKey.get(key);
    if (held != null && held.type.equals(type) && held.json.equals(json)) {
      return held.value;
    }
    var value = CacheJson.read(json, type);
    if (byKey.size() >= MAX_ENTRIES) {
      byKey.clear();
    }
    byKey.put(key, new Decoded(json, type, value));
    return value;
  }
}
