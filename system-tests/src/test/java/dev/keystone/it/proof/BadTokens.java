package dev.keystone.it.proof;

import dev.keystone.devstack.DevTokens;
import dev.keystone.devstack.JwtKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The hostile-input corpus's bad credentials: {@code Authorization} header values that must never
 * let a request through — garbage, truncated and tampered JWTs, {@code alg: none} and other
 * algorithms, a foreign signature, expired or not-yet-valid tokens, wrong issuer and audience, huge
 * tokens, other schemes and non-ASCII text. A {@code null} value means "no header at all".
 */
final class BadTokens {

  /** One credential to try, with a label for failure messages. */
  record Credential(String label, String authorization) {}

  private BadTokens() {}

  static List<Credential> all(DevTokens tokens) {
    var all = new ArrayList<Credential>();
    var valid = tokens.mint("admin", "mallory");
    var parts = valid.split("\\.");
    all.add(new Credential("no header", null));
    for (var garbage :
        List.of(
            "",
            "not-a-jwt",
            "a.b.c",
            "..",
            "...",
            "e30.e30.e30",
            "null",
            "Bearer",
            "' or 1=1 --",
            "${jndi:ldap://x/y}",
            "%00",
            "eyJ",
            "=====",
            "a".repeat(200))) {
      all.add(bearer("garbage " + garbage, garbage));
    }
    for (int cut :
        new int[] {1, 10, parts[0].length(), parts[0].length() + 1, valid.length() / 2}) {
      all.add(bearer("truncated at " + cut, valid.substring(0, cut)));
    }
    all.add(bearer("signature cut by one", valid.substring(0, valid.length() - 1)));
    all.add(bearer("no signature", parts[0] + "." + parts[1] + "."));
    all.add(bearer("header and claims only", parts[0] + "." + parts[1]));
    all.add(bearer("signature flipped", parts[0] + "." + parts[1] + "." + flip(parts[2])));
    all.add(bearer("four parts", valid + ".x"));
    all.add(bearer("claims padded", parts[0] + "." + parts[1] + "==." + parts[2]));
    for (var header :
        List.of(
            "{\"alg\":\"none\"}",
            "{\"alg\":\"NONE\",\"typ\":\"JWT\"}",
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"alg\":\"RS512\",\"typ\":\"JWT\"}",
            "{\"alg\":\"ES256\",\"typ\":\"JWT\"}",
            "{\"alg\":\"RS256\",\"kid\":\"../../../etc/passwd\"}",
            "{\"alg\":\"RS256\",\"jku\":\"http://169.254.169.254/keys\"}",
            "{\"alg\":\"RS256\",\"crit\":[\"exp\"]}",
            "{}",
            "[]",
            "null",
            "{\"alg\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")) {
      // the valid claims and signature under another header: the signature no longer matches
      all.add(bearer("header " + shorten(header), b64(header) + "." + parts[1] + "." + parts[2]));
    }
    all.add(bearer("alg none", tokens.token("admin", "mallory").unsigned().sign()));
    all.add(
        bearer(
            "foreign signature",
            tokens.token("admin", "mallory").signedWith(JwtKeys.randomPair().getPrivate()).sign()));
    all.add(
        bearer(
            "expired",
            tokens
                .token("admin", "mallory")
                .issued(Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1))
                .sign()));
    all.add(
        bearer(
            "not yet issued",
            tokens
                .token("admin", "mallory")
                .issued(Instant.now().plus(Duration.ofHours(2)), Duration.ofMinutes(1))
                .sign()));
    all.add(
        bearer(
            "wrong issuer",
            tokens.token("admin", "mallory").issuer("https://evil.example").sign()));
    all.add(
        bearer("wrong audience", tokens.token("admin", "mallory").audience("another-api").sign()));
    all.add(bearer("huge 8 KB", parts[0] + "." + "A".repeat(8_000) + "." + parts[2]));
    all.add(bearer("huge 24 KB", "A".repeat(24_000)));
    for (var other :
        List.of(
            "Basic b3BlcmF0b3I6eA==",
            "Basic " + valid,
            "Digest username=\"x\"",
            "Negotiate YIIB",
            "Token " + valid,
            "JWT " + valid,
            "Bearer" + valid,
            "Bearer " + valid + " " + valid,
            "Bearer " + valid + ", Bearer " + valid,
            valid)) {
      all.add(new Credential("scheme " + shorten(other), other));
    }
    for (var text : List.of("é", "Ã©", "\u00ff\u00fe", "caf\u00e9." + parts[1] + "." + parts[2])) {
      all.add(bearer("non-ASCII " + shorten(text), text));
    }
    return all;
  }

  private static Credential bearer(String label, String token) {
    return new Credential(label, "Bearer " + token);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String flip(String signature) {
    var chars = signature.toCharArray();
    chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
    return new String(chars);
  }

  private static String shorten(String s) {
    return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
  }
}
