package dev.keystone.platform.token;

import dev.keystone.platform.token.TokenRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared bad-token corpus: one token per way a bearer token must be refused, each otherwise a
 * valid admin token of the given issuer, audience and key pair, built at {@code now}. The
 * verifier's unit tests check each is refused for its {@link Reason}; the system tests send each to
 * {@code /api} and {@code /consumers} with the local stack's key pair and expect the same 401 from
 * both.
 */
public final class TokenCorpus {

  /** One bad token, named for failure messages, with the reason the verifier must give. */
  public record Case(String name, Reason reason, String token) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The role of every corpus token: the one that opens {@code /api} and {@code /consumers}. */
  public static final String ROLE = "admin";

  private static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

  private final KeyPair keys;
  private final String issuer;
  private final String audience;
  private final Instant now;

  public TokenCorpus(KeyPair keys, String issuer, String audience, Instant now) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.now = now;
  }

  /** A valid token for {@code role} and {@code subject}, issued now and good for one hour. */
  public String good(String role, String subject) {
    return sign(RS256, json(claims(role, subject)), keys.getPrivate());
  }

  /** Every bad token, each broken in exactly one way. */
  public List<Case> bad() {
    var all = new ArrayList<Case>();
    all.add(timed("expired", Reason.EXPIRED, hoursFromNow(-2), hoursFromNow(-1)));
    var early = claims();
    early.put("nbf", seconds(now.plus(Duration.ofHours(1))));
    early.put("exp", seconds(now.plus(Duration.ofHours(2))));
    all.add(rs256("not yet valid (nbf in an hour)", Reason.NOT_YET_VALID, early));
    all.add(timed("issued in an hour", Reason.ISSUED_IN_FUTURE, hoursFromNow(1), hoursFromNow(2)));
    var over = now.plus(TokenRules.DEFAULT_MAX_LIFETIME).plusSeconds(1);
    all.add(timed("lifetime 24 h + 1 s", Reason.TOO_LONG_LIVED, now, over));
    var decade = now.plus(Duration.ofDays(3653));
    all.add(timed("lifetime ten years", Reason.TOO_LONG_LIVED, now, decade));
    all.add(timed("expires before issued", Reason.INVALID_CLAIM, now, now.minusSeconds(1)));
    all.add(with("wrong issuer", Reason.ISSUER, "iss", quote("https://evil.example")));
    all.add(with("wrong audience", Reason.AUDIENCE, "aud", quote("another-api")));
    all.add(with("wrong audiences", Reason.AUDIENCE, "aud", "[\"a\",\"b\"]"));
    all.add(with("exp a string", Reason.INVALID_CLAIM, "exp", quote("tomorrow")));
    all.add(with("groups a string", Reason.GROUPS, "groups", quote(ROLE)));
    all.add(with("groups empty", Reason.GROUPS, "groups", "[]"));
    all.add(with("groups of numbers", Reason.GROUPS, "groups", "[1]"));
    all.add(with("groups blank", Reason.GROUPS, "groups", "[\"\"]"));
    for (var claim : List.of("iss", "aud", "sub", "exp", "iat", "groups")) {
      var claims = claims();
      claims.remove(claim);
      all.add(rs256("no " + claim, Reason.MISSING_CLAIM, claims));
    }
    all.addAll(algorithms());
    all.addAll(mangled());
    return List.copyOf(all);
  }

  private List<Case> algorithms() {
    var claims = json(claims());
    var publicKeyAsSecret = keys.getPublic().getEncoded();
    return List.of(
        new Case("alg none", Reason.ALGORITHM, b64("{\"alg\":\"none\"}") + "." + b64(claims) + "."),
        new Case(
            "alg NONE, signed",
            Reason.ALGORITHM,
            sign("{\"alg\":\"NONE\",\"typ\":\"JWT\"}", claims, keys.getPrivate())),
        new Case(
            "HS256 keyed with the public key", Reason.ALGORITHM, hs256(claims, publicKeyAsSecret)),
        new Case(
            "RS512 by the right key",
            Reason.ALGORITHM,
            sign("{\"alg\":\"RS512\"}", claims, keys.getPrivate(), "SHA512withRSA")),
        new Case("no alg", Reason.ALGORITHM, sign("{\"typ\":\"JWT\"}", claims, keys.getPrivate())),
        new Case(
            "crit header",
            Reason.ALGORITHM,
            sign("{\"alg\":\"RS256\",\"crit\":[\"x\"],\"x\":1}", claims, keys.getPrivate())),
        new Case("wrong key", Reason.SIGNATURE, sign(RS256, claims, otherPair().getPrivate())));
  }

  private List<Case> mangled() {
    var valid = good(ROLE, "mallory");
    var parts = valid.split("\\.");
    var tampered = json(claims(ROLE, "someone-else"));
    var big = claims();
    big.put("pad", quote("x".repeat(TokenRules.MAX_TOKEN_CHARS)));
    return List.of(
        new Case(
            "claims swapped under the signature",
            Reason.SIGNATURE,
            parts[0] + "." + b64(tampered) + "." + parts[2]),
        new Case("signature truncated", Reason.SIGNATURE, valid.substring(0, valid.length() - 9)),
        new Case("no signature", Reason.SIGNATURE, parts[0] + "." + parts[1] + "."),
        new Case("truncated to two parts", Reason.MALFORMED, parts[0] + "." + parts[1]),
        new Case("truncated in the header", Reason.MALFORMED, valid.substring(0, 10)),
        new Case("four parts", Reason.MALFORMED, valid + ".x"),
        new Case("claims padded", Reason.MALFORMED, parts[0] + "." + parts[1] + "==." + parts[2]),
        new Case("garbage", Reason.MALFORMED, "not-a-jwt"),
        new Case("garbage in three parts", Reason.MALFORMED, "a.b.c"),
        new Case("claims not JSON", Reason.MALFORMED, sign(RS256, "not json", keys.getPrivate())),
        new Case("claims an array", Reason.MALFORMED, sign(RS256, "[]", keys.getPrivate())),
        new Case(
            "duplicate issuer",
            Reason.MALFORMED,
            sign(
                RS256,
                "{\"iss\":\"https://evil.example\"," + json(claims()).substring(1),
                keys.getPrivate())),
        new Case(
            "oversized, correctly signed",
            Reason.TOO_LARGE,
            sign(RS256, json(big), keys.getPrivate())));
  }

  private Case timed(String name, Reason reason, Instant issued, Instant expires) {
    var claims = claims();
    claims.put("iat", seconds(issued));
    claims.put("exp", seconds(expires));
    return rs256(name, reason, claims);
  }

  private Case with(String name, Reason reason, String claim, String rawJson) {
    var claims = claims();
    claims.put(claim, rawJson);
    return rs256(name, reason, claims);
  }

  private Case rs256(String name, Reason reason, Map<String, String> claims) {
    return new Case(name, reason, sign(RS256, json(claims), keys.getPrivate()));
  }

  private Map<String, String> claims() {
    return claims(ROLE, "mallory");
  }

  /** Valid claims as raw JSON values, in the order the local stack writes them. */
  private Map<String, String> claims(String role, String subject) {
    var claims = new LinkedHashMap<String, String>();
    claims.put("iss", quote(issuer));
    claims.put("aud", quote(audience));
    claims.put("sub", quote(subject));
    claims.put("upn", quote(subject));
    claims.put("groups", "[" + quote(role) + "]");
    claims.put("iat", seconds(now));
    claims.put("exp", seconds(now.plus(Duration.ofHours(1))));
    claims.put("jti", quote(UUID.randomUUID().toString()));
    return claims;
  }

  private Instant hoursFromNow(int hours) {
    return now.plus(Duration.ofHours(hours));
  }

  private static String json(Map<String, String> claims) {
    var out = new StringBuilder("{");
    claims.forEach(
        (name, raw) ->
            out.append(out.length() > 1 ? "," : "").append(quote(name)).append(':').append(raw));
    return out.append('}').toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String seconds(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  private static String sign(String header, String claims, PrivateKey key) {
    return sign(header, claims, key, "SHA256withRSA");
  }

  private static String sign(String header, String claims, PrivateKey key, String algorithm) {
    var input = b64(header) + "." + b64(claims);
    try {
      var rsa = Signature.getInstance(algorithm);
      rsa.initSign(key);
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The algorithm-confusion forgery: an HMAC whose secret is the RSA public key's bytes. */
  private static String hs256(String claims, byte[] secret) {
    var input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A fresh RSA pair that no server trusts. */
  public static KeyPair otherPair() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
