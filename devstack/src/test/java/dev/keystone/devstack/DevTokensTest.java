package dev.keystone.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

  @TempDir Path data;

  @Test
  void keysAreGeneratedOnceAndThePrivateKeyIsOwnerOnly() throws Exception {
    var first = JwtKeys.loadOrCreate(data);
    var publicPem = Files.readString(first.publicKeyFile());
    var again = JwtKeys.loadOrCreate(data);
    assertEquals(publicPem, Files.readString(again.publicKeyFile()));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(data.resolve("jwt/private-key.pem"))));
  }

  @Test
  void aMintedTokenIsSignedByThePublishedKeyAndCarriesRoleAndSubject() throws Exception {
    var keys = JwtKeys.loadOrCreate(data);
    var token = new DevTokens(keys).mint("customer", "42");
    var parts = token.split("\\.");
    var rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(keys.publicKey());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
    var claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertTrue(claims.contains("\"sub\":\"42\""), claims);
    assertTrue(claims.contains("\"groups\":[\"customer\"]"), claims);
    assertTrue(claims.contains("\"iss\":\"" + JwtKeys.DEV_ISSUER + "\""), claims);
  }

  @Test
  void anUnsignedTokenHasNoSignature() {
    var token = new DevTokens(JwtKeys.loadOrCreate(data)).token("admin", "x").unsigned().sign();
    assertTrue(token.endsWith("."));
    assertFalse(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)
            .contains("RS256"));
  }
}
