package dev.keystone.platform.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.platform.token.TokenRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VerifiedTokenCacheTest {
  private static final KeyPair KEYS = TokenCorpus.otherPair();
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final String ISS = "https://issuer.test";
  private static final String AUD = "keystone-api";
  private static final TokenCorpus CORPUS = new TokenCorpus(KEYS, ISS, AUD, NOW);
  private static final TokenVerifier VERIFIER =
      new TokenVerifier((RSAPublicKey) KEYS.getPublic(), TokenRules.of(ISS, Set.of(AUD)));

  private final VerifiedTokenCache cache = new VerifiedTokenCache(VERIFIER, 100);

  static java.util.List<TokenCorpus.Case> corpus() {
    return CORPUS.bad();
  }

  @Test
  void aVerifiedTokenIsAnsweredFromTheCacheWhileItIsValid() throws Exception {
    var token = CORPUS.good("admin", "alice");
    var first = cache.verify(token, NOW);
    var again = cache.verify(token, NOW.plus(Duration.ofMinutes(59)));
    assertThat(again).isSameAs(first);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aTamperedSiblingOfACachedTokenIsStillRefused() throws Exception {
    var token = CORPUS.good("customer", "42");
    cache.verify(token, NOW);
    var parts = token.split("\\.");
    // the same header and signature over claims that name another subject
    var forged = claims(parts[1]).replace("\"42\"", "\"43\"");
    assertThat(forged).contains("\"43\"");
    assertRefused(parts[0] + "." + b64(forged) + "." + parts[2], Reason.SIGNATURE);
    // one character of the signature changed
    var signature = parts[2].toCharArray();
    signature[10] = signature[10] == 'A' ? 'B' : 'A';
    assertRefused(parts[0] + "." + parts[1] + "." + new String(signature), Reason.SIGNATURE);
    // an alg-none token with the cached one's claims
    assertRefused(b64("{\"alg\":\"none\"}") + "." + parts[1] + ".", Reason.ALGORITHM);
    assertThat(cache.verify(token, NOW).subject()).isEqualTo("42");
    assertThat(cache.size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCorpusTokenIsRefusedEvenAfterAGoodOneWasCached(TokenCorpus.Case bad) throws Exception {
    cache.verify(CORPUS.good(TokenCorpus.ROLE, "someone"), NOW);
    assertRefused(bad.token(), bad.reason());
    assertRefused(bad.token(), bad.reason()); // refusals are not remembered either
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aCachedTokenIsRefusedOnceItHasExpired() throws Exception {
    var token = CORPUS.good("admin", "alice"); // expires in one hour
    cache.verify(token, NOW);
    var skew = VERIFIER.rules().clockSkew();
    var afterExpiry = NOW.plus(Duration.ofHours(1)).plus(skew);
    assertThatThrownBy(() -> cache.verify(token, afterExpiry))
        .isInstanceOfSatisfying(
            TokenRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    assertThat(cache.size()).isZero();
  }

  @Test
  void withinTheClockSkewAfterExpiryTheTokenIsVerifiedAgainNotServedFromTheCache()
      throws Exception {
    var token = CORPUS.good("admin", "alice");
    var first = cache.verify(token, NOW);
    var justExpired = NOW.plus(Duration.ofHours(1)).plusSeconds(1);
    var again = cache.verify(token, justExpired); // the verifier's skew still accepts it
    assertThat(again).isNotSameAs(first).isEqualTo(first);
    assertThat(cache.size()).as("not remembered past its exp").isZero();
  }

  @Test
  void theCacheHoldsAtMostItsCapacity() throws Exception {
    var small = new VerifiedTokenCache(VERIFIER, 3);
    for (int i = 0; i < 10; i++) {
      assertThat(small.verify(CORPUS.good("admin", "user-" + i), NOW).subject())
          .isEqualTo("user-" + i);
      assertThat(small.size()).isLessThanOrEqualTo(3);
    }
    assertThat(small.size()).isEqualTo(3);
  }

  @Test
  void capacityZeroRemembersNothing() throws Exception {
    var none = new VerifiedTokenCache(VERIFIER, 0);
    var token = CORPUS.good("admin", "alice");
    var first = none.verify(token, NOW);
    assertThat(none.verify(token, NOW)).isNotSameAs(first).isEqualTo(first);
    assertThat(none.size()).isZero();
  }

  @Test
  void anOversizedTokenIsRefusedBeforeAnythingElse() {
    assertRefused("a".repeat(TokenRules.MAX_TOKEN_CHARS + 1), Reason.TOO_LARGE);
    assertThat(cache.size()).isZero();
  }

  private void assertRefused(String token, Reason reason) {
    assertThatThrownBy(() -> cache.verify(token, NOW))
        .isInstanceOfSatisfying(
            TokenRefused.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  private static String claims(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
