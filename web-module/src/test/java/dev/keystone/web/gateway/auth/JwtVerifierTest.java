package dev.keystone.web.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  private static final KeyPair KEYS = pair();
  private static final KeyPair OTHER = pair();
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final String ISS = "https://issuer.test";

  private final JwtVerifier verifier =
      new JwtVerifier(
          (RSAPublicKey) KEYS.getPublic(), ISS, Set.of("keystone-api"), Duration.ofSeconds(60));

  @Test
  void acceptsAValidTokenAndReadsItsClaims() throws Exception {
    var token = verifier.verify(rs256(KEYS, claims(ISS, "\"keystone-api\"", 300)), NOW);
    assertThat(token.subject()).isEqualTo("42");
    assertThat(token.name()).isEqualTo("alice");
    assertThat(token.groups()).containsExactly("customer");
  }

  @Test
  void acceptsTheAudienceInAnArray() throws Exception {
    var token = rs256(KEYS, claims(ISS, "[\"other\",\"keystone-api\"]", 300));
    assertThat(verifier.verify(token, NOW).subject()).isEqualTo("42");
  }

  @Test
  void refusesEachBrokenToken() {
    refused(rs256(OTHER, claims(ISS, "\"keystone-api\"", 300)), "signature");
    refused(rs256(KEYS, claims(ISS, "\"keystone-api\"", -120)), "expired");
    refused(rs256(KEYS, claims("https://evil.test", "\"keystone-api\"", 300)), "issuer");
    refused(rs256(KEYS, claims(ISS, "\"other-api\"", 300)), "audience");
    refused(unsigned(claims(ISS, "\"keystone-api\"", 300)), "algorithm");
    refused(hs256(claims(ISS, "\"keystone-api\"", 300)), "algorithm");
    refused("not.a.token.at.all", "not a signed JWT");
    refused("%%%.%%%.%%%", "not a signed JWT");
    refused(
        rs256(KEYS, "{\"iss\":\"" + ISS + "\",\"aud\":\"keystone-api\",\"sub\":\"1\"}"), "expiry");
  }

  @Test
  void refusesATokenIssuedInTheFuture() throws Exception {
    var future = NOW.getEpochSecond() + 7200;
    var claims =
        "{\"iss\":\"%s\",\"aud\":\"keystone-api\",\"sub\":\"42\",\"iat\":%d,\"exp\":%d}"
            .formatted(ISS, future, future + 60);
    refused(rs256(KEYS, claims), "issued in the future");
    var withinSkew =
        "{\"iss\":\"%s\",\"aud\":\"keystone-api\",\"sub\":\"42\",\"iat\":%d,\"exp\":%d}"
            .formatted(ISS, NOW.getEpochSecond() + 30, NOW.getEpochSecond() + 300);
    assertThat(verifier.verify(rs256(KEYS, withinSkew), NOW).subject()).isEqualTo("42");
  }

  @Test
  void toleratesTheClockSkewButNoMore() throws Exception {
    verifier.verify(rs256(KEYS, claims(ISS, "\"keystone-api\"", -30)), NOW);
    refused(rs256(KEYS, claims(ISS, "\"keystone-api\"", -61)), "expired");
  }

  private void refused(String token, String reason) {
    assertThatThrownBy(() -> verifier.verify(token, NOW))
        .isInstanceOf(InvalidToken.class)
        .hasMessageContaining(reason);
  }

  private static String claims(String iss, String aud, long expiresIn) {
    return "{\"iss\":\"%s\",\"aud\":%s,\"sub\":\"42\",\"upn\":\"alice\",\"groups\":[\"customer\"],\"exp\":%d}"
        .formatted(iss, aud, NOW.getEpochSecond() + expiresIn);
  }

  static String rs256(KeyPair keys, String claims) {
    try {
      var input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(String claims) {
    return b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".";
  }

  /** HMAC keyed with the public key's bytes: the classic algorithm-confusion forgery. */
  private static String hs256(String claims) {
    try {
      var input = b64("{\"alg\":\"HS256\"}") + "." + b64(claims);
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEYS.getPublic().getEncoded(), "HmacSHA256"));
      var sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair pair() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
