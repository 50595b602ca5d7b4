package dev.keystone.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local stack's token signing key pair (RSA 2048, RS256): generated at the first start into
 * {@code <dataDir>/jwt/} (the private key mode 600), never committed. The gateway gets only the
 * public key's location ({@code KEYSTONE_JWT_PUBLIC_KEY}); {@link DevTokens} signs dev tokens with
 * the private key. A production deployment brings its identity provider's public key instead.
 */
public final class JwtKeys {
  /** The issuer the local stack's tokens carry and the gateway expects. */
  public static final String DEV_ISSUER = "https://keystone.local/devstack";

  /** The audience the local stack's tokens carry and the gateway expects. */
  public static final String DEV_AUDIENCE = "keystone-api";

  private final Path publicKeyFile;
  private final RSAPrivateKey privateKey;

  private JwtKeys(Path publicKeyFile, RSAPrivateKey privateKey) {
    this.publicKeyFile = publicKeyFile;
    this.privateKey = privateKey;
  }

  /** Loads the pair from {@code <dataDir>/jwt}, generating it first when there is none. */
  public static JwtKeys loadOrCreate(Path dataDir) {
    Path dir = dataDir.resolve("jwt");
    Path privateFile = dir.resolve("private-key.pem");
    Path publicFile = dir.resolve("public-key.pem");
    try {
      if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.deleteIfExists(privateFile);
        Files.createFile(
            privateFile,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      }
      byte[] der = fromPem(Files.readString(privateFile, StandardCharsets.US_ASCII));
      var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new JwtKeys(publicFile.toAbsolutePath(), (RSAPrivateKey) key);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the JWT keys in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Unreadable JWT key in " + dir, e);
    }
  }

  /** Where the PEM public key is: the value of {@code KEYSTONE_JWT_PUBLIC_KEY}. */
  public Path publicKeyFile() {
    return publicKeyFile;
  }

  /** The public key, read back from its file. */
  public RSAPublicKey publicKey() {
    try {
      byte[] der = fromPem(Files.readString(publicKeyFile, StandardCharsets.US_ASCII));
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  RSAPrivateKey privateKey() {
    return privateKey;
  }

  /**
   * The pair, for tests that build their own tokens with the stack's key (the bad-token corpus).
   */
  public KeyPair keyPair() {
    return new KeyPair(publicKey(), privateKey);
  }

  /** A fresh throw-away RSA pair, e.g. to sign a token the gateway must reject. */
  public static KeyPair randomPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] fromPem(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }
}
