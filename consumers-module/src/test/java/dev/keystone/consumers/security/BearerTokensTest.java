package dev.keystone.consumers.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

  private static final KeyPair KEYS = pair();
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private final BearerTokens tokens =
      new BearerTokens(
          (RSAPublicKey) KEYS.getPublic(),
          "iss-1",
          Set.of("aud-1", "aud-2"),
          Duration.ofSeconds(60));

  @Test
  void aValidTokenGivesItsGroups() throws Exception {
    assertEquals(Set.of("admin"), tokens.roles(rs256(claims("iss-1", "\"aud-2\"", 3600)), NOW));
    var array = claims("iss-1", "[\"x\",\"aud-1\"]", 3600);
    assertEquals(Set.of("admin"), tokens.roles(rs256(array), NOW));
  }

  @Test
  void everyBrokenCheckIsRefusedWithItsReason() {
    assertRefused(
        "signature", sign("RS256", claims("iss-1", "\"aud-1\"", 3600), pair().getPrivate()));
    assertRefused("issuer", rs256(claims("iss-2", "\"aud-1\"", 3600)));
    assertRefused("audience", rs256(claims("iss-1", "\"aud-3\"", 3600)));
    assertRefused("expired", rs256(claims("iss-1", "\"aud-1\"", -61)));
    assertRefused(
        "algorithm",
        encode("{\"alg\":\"none\"}") + "." + encode(claims("iss-1", "\"aud-1\"", 3600)) + ".");
    assertRefused("not a signed JWT", "garbage");
    assertRefused("not a signed JWT", "a.b!.c");
    assertRefused("expiry", rs256("{\"iss\":\"iss-1\",\"aud\":\"aud-1\",\"sub\":\"s\"}"));
    assertRefused(
        "subject",
        rs256("{\"iss\":\"iss-1\",\"aud\":\"aud-1\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}"));
  }

  @Test
  void anHmacSignedWithThePublicKeyIsRefused() throws Exception {
    var input = encode("{\"alg\":\"HS256\"}") + "." + encode(claims("iss-1", "\"aud-1\"", 3600));
    var mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEYS.getPublic().getEncoded(), "HmacSHA256"));
    var token =
        input
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    assertRefused("algorithm", token);
  }

  @Test
  void aTokenNotValidYetIsRefused() {
    var later = NOW.getEpochSecond() + 600;
    var claims =
        "{\"iss\":\"iss-1\",\"aud\":\"aud-1\",\"sub\":\"s\",\"nbf\":"
            + later
            + ",\"exp\":"
            + (later + 60)
            + "}";
    assertRefused("not valid yet", rs256(claims));
  }

  private void assertRefused(String reason, String token) {
    var refused = assertThrows(BearerTokens.Refused.class, () -> tokens.roles(token, NOW));
    if (!refused.getMessage().contains(reason)) {
      throw new AssertionError("expected '" + reason + "' in: " + refused.getMessage());
    }
  }

  private static String claims(String iss, String aud, long expiresIn) {
    return "{\"iss\":\""
        + iss
        + "\",\"aud\":"
        + aud
        + ",\"sub\":\"alice\",\"groups\":[\"admin\"],\"exp\":"
        + (NOW.getEpochSecond() + expiresIn)
        + "}";
  }

  private static String rs256(String claims) {
    return sign("RS256", claims, KEYS.getPrivate());
  }

  private static String sign(String alg, String claims, PrivateKey key) {
    var input = encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + encode(claims);
    try {
      var rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair pair() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
