package dev.keystone.platform.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.platform.token.TokenRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {
  private static final KeyPair KEYS = TokenCorpus.otherPair();
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final String ISS = "https://issuer.test";
  private static final String AUD = "keystone-api";
  private static final TokenCorpus CORPUS = new TokenCorpus(KEYS, ISS, AUD, NOW);

  private final TokenVerifier verifier =
      new TokenVerifier((RSAPublicKey) KEYS.getPublic(), TokenRules.of(ISS, Set.of(AUD)));

  static List<TokenCorpus.Case> corpus() {
    return CORPUS.bad();
  }

  @Test
  void acceptsAValidTokenAndReadsItsClaims() throws Exception {
    var token = verifier.verify(CORPUS.good("customer", "42"), NOW);
    assertThat(token.subject()).isEqualTo("42");
    assertThat(token.name()).isEqualTo("42");
    assertThat(token.groups()).containsExactly("customer");
    assertThat(token.issuedAt()).isEqualTo(NOW);
    assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void refusesEveryCorpusTokenForItsReason(TokenCorpus.Case bad) {
    assertThatThrownBy(() -> verifier.verify(bad.token(), NOW))
        .isInstanceOfSatisfying(
            TokenRefused.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(bad.reason()))
        .hasMessageStartingWith("The token");
  }

  @Test
  void theCorpusCoversEveryRuleOfTheVerifier() {
    var covered = corpus().stream().map(TokenCorpus.Case::reason).collect(Collectors.toSet());
    var rules = EnumSet.allOf(Reason.class);
    // these three are about the header or the server, not the token: TokenAuthorityTest
    rules.removeAll(Set.of(Reason.NO_TOKEN, Reason.NOT_BEARER, Reason.UNAVAILABLE));
    assertThat(covered).containsExactlyInAnyOrderElementsOf(rules);
  }

  @Test
  void theOversizedTokenIsRefusedBeforeParsing() {
    var huge = "A".repeat(TokenRules.MAX_TOKEN_CHARS + 1);
    assertThat(reason(huge)).isEqualTo(Reason.TOO_LARGE);
    assertThat(reason("A".repeat(TokenRules.MAX_TOKEN_CHARS))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void acceptsTheAudienceInAnArray() throws Exception {
    var token =
        sign("{\"iss\":\"%s\",\"aud\":[\"other\",\"%s\"],%s}".formatted(ISS, AUD, rest(0, 3600)));
    assertThat(verifier.verify(token, NOW).subject()).isEqualTo("42");
  }

  @Test
  void namesTheCallerByUpnThenPreferredUsernameThenSubject() throws Exception {
    var withUsername =
        sign(
            "{\"iss\":\"%s\",\"aud\":\"%s\",\"preferred_username\":\"ada\",%s}"
                .formatted(ISS, AUD, rest(0, 60)));
    assertThat(verifier.verify(withUsername, NOW).name()).isEqualTo("ada");
  }

  @Test
  void toleratesTheClockSkewOnExpiryButNoMore() throws Exception {
    assertThat(verifier.verify(valid(-3600, -30), NOW).subject()).isEqualTo("42");
    assertThat(reason(valid(-3600, -60))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void toleratesTheClockSkewOnIssuedAtAndNotBefore() throws Exception {
    assertThat(verifier.verify(valid(59, 600), NOW).subject()).isEqualTo("42");
    assertThat(reason(valid(61, 600))).isEqualTo(Reason.ISSUED_IN_FUTURE);
    var nbf = "{\"iss\":\"%s\",\"aud\":\"%s\",\"nbf\":%d,%s}";
    var soon = sign(nbf.formatted(ISS, AUD, NOW.getEpochSecond() + 59, rest(0, 600)));
    assertThat(verifier.verify(soon, NOW).subject()).isEqualTo("42");
    var later = sign(nbf.formatted(ISS, AUD, NOW.getEpochSecond() + 61, rest(0, 600)));
    assertThat(reason(later)).isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void acceptsExactlyTheMaximumLifetimeAndNotOneSecondMore() throws Exception {
    long day = Duration.ofHours(24).toSeconds();
    assertThat(verifier.verify(valid(0, day), NOW).subject()).isEqualTo("42");
    assertThat(reason(valid(0, day + 1))).isEqualTo(Reason.TOO_LONG_LIVED);
  }

  @Test
  void theMaximumLifetimeIsConfigurable() throws Exception {
    var rules = new TokenRules(ISS, Set.of(AUD), Duration.ofSeconds(60), Duration.ofMinutes(10));
    var strict = new TokenVerifier((RSAPublicKey) KEYS.getPublic(), rules);
    assertThat(strict.verify(valid(0, 600), NOW).subject()).isEqualTo("42");
    assertThatThrownBy(() -> strict.verify(valid(0, 601), NOW))
        .isInstanceOfSatisfying(
            TokenRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG_LIVED))
        .hasMessageContaining("600 s");
    assertThat(reason(CORPUS.good("admin", "a"))).isNull();
    assertThatThrownBy(() -> strict.verify(CORPUS.good("admin", "a"), NOW))
        .isInstanceOf(TokenRefused.class);
  }

  @Test
  void refusesTimesOutOfRangeAndNullTokens() {
    assertThat(reason(valid(0, 1L << 62))).isEqualTo(Reason.INVALID_CLAIM);
    assertThat(reason(null)).isEqualTo(Reason.MALFORMED);
    assertThat(reason("")).isEqualTo(Reason.MALFORMED);
  }

  /** The reason the token is refused for, or null when it is accepted. */
  private Reason reason(String token) {
    try {
      verifier.verify(token, NOW);
      return null;
    } catch (TokenRefused e) {
      return e.reason();
    }
  }

  /** A valid token of subject 42 issued and expiring these many seconds from now. */
  private static String valid(long issuedIn, long expiresIn) {
    return sign(
        "{\"iss\":\"%s\",\"aud\":\"%s\",%s}".formatted(ISS, AUD, rest(issuedIn, expiresIn)));
  }

  private static String rest(long issuedIn, long expiresIn) {
    return "\"sub\":\"42\",\"groups\":[\"customer\"],\"iat\":%d,\"exp\":%d"
        .formatted(NOW.getEpochSecond() + issuedIn, NOW.getEpochSecond() + expiresIn);
  }

  private static String sign(String claims) {
    try {
      var input = b64("{\"alg\":\"RS256\"}") + "." + b64(claims);
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(KEYS.getPrivate());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
