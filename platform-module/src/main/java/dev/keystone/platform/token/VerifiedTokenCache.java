package dev.keystone.platform.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenVerifier} that remembers the tokens it has verified, so that a caller who sends the
 * same token on every request pays for the RS256 check and the JSON parsing once (docs/security.md,
 * "Tokens"). The rules are the verifier's, unchanged:
 *
 * <ul>
 *   <li>only a token that passed every rule is remembered, under the SHA-256 of its exact text: a
 *       token that differs in any character (a tampered sibling of a remembered one) is another key
 *       and is verified in full;
 *   <li>an entry is used only while {@code now} is before the token's {@code exp} (without the
 *       clock skew the verifier tolerates, so the cache never accepts what the verifier would
 *       refuse) and never longer than the maximum lifetime after it was verified; an entry past
 *       that is dropped and the token verified again (and so refused once expired);
 *   <li>at most {@code capacity} entries: expired ones are dropped first, then arbitrary ones;
 *       capacity 0 remembers nothing.
 * </ul>
 *
 * Refusals are never remembered. Thread-safe.
 */
public final class VerifiedTokenCache {

  /** Entries unless configured otherwise: many more callers than one server sees at a time. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private record Entry(VerifiedToken token, Instant usableUntil) {}

  private final TokenVerifier verifier;
  private final int capacity;
  private final Duration maxLifetime;
  private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();

  public VerifiedTokenCache(TokenVerifier verifier, int capacity) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    if (capacity < 0) {
      throw new IllegalArgumentException("the capacity is negative: " + capacity);
    }
    this.capacity = capacity;
    this.maxLifetime = verifier.rules().maxLifetime();
  }

  public TokenRules rules() {
    return verifier.rules();
  }

  /** How many verified tokens are remembered now. */
  public int size() {
    return entries.size();
  }

  /**
   * The token's claims if it passes every rule of the verifier at {@code now}: from the cache when
   * this exact token was verified before and its entry is still usable, otherwise verified in full.
   *
   * @throws TokenRefused naming the first rule the token broke
   */
  public VerifiedToken verify(String token, Instant now) throws TokenRefused {
    if (capacity == 0 || token == null || token.length() > TokenRules.MAX_TOKEN_CHARS) {
      return verifier.verify(token, now); // refuses the oversized before hashing anything
    }
    var key = digest(token);
    var entry = entries.get(key);
    if (entry != null) {
      if (now.isBefore(entry.usableUntil())) {
        return entry.token();
      }
      entries.remove(key, entry);
    }
    var verified = verifier.verify(token, now);
    var until = min(verified.expiresAt(), now.plus(maxLifetime));
    if (now.isBefore(until)) {
      makeRoom(now);
      entries.put(key, new Entry(verified, until));
    }
    return verified;
  }

  private void makeRoom(Instant now) {
    if (entries.size() < capacity) {
      return;
    }
    entries.values().removeIf(e -> !now.isBefore(e.usableUntil()));
    var keys = entries.keySet().iterator();
    while (entries.size() >= capacity && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static ByteBuffer digest(String token) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      return ByteBuffer.wrap(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
