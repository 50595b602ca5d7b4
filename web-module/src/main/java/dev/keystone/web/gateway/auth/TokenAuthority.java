package dev.keystone.web.gateway.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The gateway's trust anchor: the token verifier built from the MicroProfile JWT configuration keys
 * ({@code mp.jwt.verify.publickey} or {@code mp.jwt.verify.publickey.location}, {@code
 * mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences}), which server.xml feeds from {@code
 * KEYSTONE_JWT_PUBLIC_KEY}, {@code KEYSTONE_JWT_ISSUER} and {@code KEYSTONE_JWT_AUDIENCE}. With no
 * usable key it fails closed: every authenticated route answers 503 and the log says why.
 */
@ApplicationScoped
public class TokenAuthority {
  private static final Logger LOG = Logger.getLogger(TokenAuthority.class.getName());

  private JwtVerifier verifier;
  private String problem;

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    try {
      var key = publicKey(config);
      var issuer = config.getValue("mp.jwt.verify.issuer", String.class);
      var audiences =
          Arrays.stream(config.getValue("mp.jwt.verify.audiences", String.class).split(","))
              .map(String::trim)
              .filter(a -> !a.isEmpty())
              .collect(Collectors.toSet());
      var skew = config.getOptionalValue("keystone.jwt.clock-skew-seconds", Long.class).orElse(60L);
      verifier = new JwtVerifier(key, issuer, Set.copyOf(audiences), Duration.ofSeconds(skew));
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      problem = "No usable token key (KEYSTONE_JWT_PUBLIC_KEY): " + e;
      LOG.log(Level.SEVERE, problem);
    }
  }

  /** Whether tokens can be verified at all (a key, an issuer and an audience are configured). */
  public boolean configured() {
    return verifier != null;
  }

  public VerifiedToken verify(String token) throws InvalidToken {
    if (verifier == null) {
      throw new IllegalStateException(problem);
    }
    return verifier.verify(token, Instant.now());
  }

  private static RSAPublicKey publicKey(Config config)
      throws IOException, GeneralSecurityException {
    var inline = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
    var location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
    String pem;
    if (inline.isPresent()) {
      pem = inline.get();
    } else if (location.isPresent() && location.get().contains("-----BEGIN")) {
      pem = location.get(); // KEYSTONE_JWT_PUBLIC_KEY may hold the PEM itself
    } else if (location.isPresent()) {
      pem =
          Files.readString(
              Path.of(location.get().replaceFirst("^file:", "")), StandardCharsets.US_ASCII);
    } else {
      throw new IllegalStateException("neither mp.jwt.verify.publickey nor .location is set");
    }
    return parse(pem);
  }

  /** An X.509 SubjectPublicKeyInfo RSA key, as PEM or as its bare base64 body. */
  static RSAPublicKey parse(String pem) throws GeneralSecurityException {
    var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var der = Base64.getDecoder().decode(base64);
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }
}
