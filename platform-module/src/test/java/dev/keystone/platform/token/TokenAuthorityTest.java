package dev.keystone.platform.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.platform.token.TokenRefused.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthorityTest {
  private static final KeyPair KEYS = TokenCorpus.otherPair();
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final String ISS = "https://keystone.local/devstack";
  private static final String AUD = "keystone-api";
  private static final TokenCorpus CORPUS = new TokenCorpus(KEYS, ISS, AUD, NOW);

  private final TokenAuthority authority = new TokenAuthority(Clock.fixed(NOW, ZoneOffset.UTC));
  private final Map<String, String> settings = new HashMap<>();

  @Test
  void readsTheKeyFromAPemFileAsTheLocalStackConfiguresIt(@TempDir Path dir) throws Exception {
    var file = dir.resolve("public-key.pem");
    Files.writeString(file, pem());
    settings.put("mp.jwt.verify.publickey.location", file.toString());
    configure();
    assertThat(authority.configured()).isTrue();
    assertThat(authority.authenticate("Bearer " + CORPUS.good("admin", "alice")).groups())
        .containsExactly("admin");
  }

  @Test
  void readsThePemItselfFromTheLocationOrInline() throws Exception {
    settings.put("mp.jwt.verify.publickey.location", pem());
    configure();
    assertThat(authority.verify(CORPUS.good("admin", "alice")).subject()).isEqualTo("alice");
    settings.clear();
    settings.put("mp.jwt.verify.publickey", pem());
    configure();
    assertThat(authority.verify(CORPUS.good("admin", "bob")).subject()).isEqualTo("bob");
  }

  @Test
  void withoutAUsableKeyEveryTokenIsUnavailable() {
    configure();
    assertThat(authority.configured()).isFalse();
    assertRefused("Bearer " + CORPUS.good("admin", "alice"), Reason.UNAVAILABLE);
    settings.put("mp.jwt.verify.publickey", "-----BEGIN PUBLIC KEY-----\nnot a key\n");
    configure();
    assertThat(authority.configured()).isFalse();
  }

  @Test
  void aMalformedMaximumLifetimeFailsClosed() {
    settings.put("mp.jwt.verify.publickey", pem());
    settings.put(TokenAuthority.MAX_TOKEN_LIFETIME, "24h");
    configure();
    assertThat(authority.configured()).isFalse();
  }

  @Test
  void theMaximumLifetimeAndSkewComeFromConfiguration() throws Exception {
    settings.put("mp.jwt.verify.publickey", pem());
    configure();
    assertThat(TokenAuthority.rules(this::setting).maxLifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(TokenAuthority.rules(this::setting).clockSkew()).isEqualTo(Duration.ofSeconds(60));
    settings.put(TokenAuthority.MAX_TOKEN_LIFETIME, "PT30M");
    settings.put(TokenAuthority.CLOCK_SKEW_SECONDS, "5");
    configure();
    assertThat(TokenAuthority.rules(this::setting).maxLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(TokenAuthority.rules(this::setting).clockSkew()).isEqualTo(Duration.ofSeconds(5));
    // the corpus's good token lives one hour: longer than 30 minutes
    assertRefused("Bearer " + CORPUS.good("admin", "alice"), Reason.TOO_LONG_LIVED);
  }

  @Test
  void newRulesStartWithAnEmptyTokenCache() throws Exception {
    settings.put("mp.jwt.verify.publickey", pem());
    configure();
    var token = "Bearer " + CORPUS.good("admin", "alice"); // lives one hour
    assertThat(authority.authenticate(token).subject()).isEqualTo("alice");
    settings.put(TokenAuthority.MAX_TOKEN_LIFETIME, "PT30M");
    configure();
    assertRefused(token, Reason.TOO_LONG_LIVED);
  }

  @Test
  void aMalformedTokenCacheSizeFailsClosed() {
    settings.put("mp.jwt.verify.publickey", pem());
    settings.put(TokenAuthority.TOKEN_CACHE_SIZE, "many");
    configure();
    assertThat(authority.configured()).isFalse();
    settings.put(TokenAuthority.TOKEN_CACHE_SIZE, "-1");
    configure();
    assertThat(authority.configured()).isFalse();
    settings.put(TokenAuthority.TOKEN_CACHE_SIZE, "0");
    configure();
    assertThat(authority.configured()).isTrue();
  }

  @Test
  void readsTheHeaderBeforeTheToken() throws Exception {
    settings.put("mp.jwt.verify.publickey", pem());
    configure();
    assertRefused(null, Reason.NO_TOKEN);
    assertRefused("  ", Reason.NO_TOKEN);
    assertRefused("Basic b3BlcmF0b3I6eA==", Reason.NOT_BEARER);
    assertRefused("Bearer", Reason.NOT_BEARER);
    assertRefused("Bearer not-a-jwt", Reason.MALFORMED);
    var token = CORPUS.good("customer", "42");
    assertThat(authority.authenticate("bearer  " + token + " ").subject()).isEqualTo("42");
    assertRefused("Bearer " + token + " " + token, Reason.MALFORMED);
  }

  @Test
  void everyRefusalIsA401ExceptAnUnusableServer() {
    for (var reason : Reason.values()) {
      var status = new TokenRefused(reason, "The token is bad.").status();
      assertThat(status).as(reason.name()).isEqualTo(reason == Reason.UNAVAILABLE ? 503 : 401);
    }
  }

  private void assertRefused(String authorization, Reason reason) {
    assertThatThrownBy(() -> authority.authenticate(authorization))
        .isInstanceOfSatisfying(TokenRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private void configure() {
    settings.putIfAbsent("mp.jwt.verify.issuer", ISS);
    settings.putIfAbsent("mp.jwt.verify.audiences", "other-api, " + AUD);
    authority.configure(this::setting);
  }

  private Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  private static String pem() {
    var body =
        Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }
}
