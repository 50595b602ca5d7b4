package dev.keystone.consumers.security;

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
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The token verifier of the consumers WAR, configured by the same MicroProfile JWT keys as the
 * gateway ({@code mp.jwt.verify.publickey} or {@code .publickey.location}, {@code
 * mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences}; server.xml and the consumers-only
 * server.xml feed them from {@code KEYSTONE_JWT_*}), so one token opens both APIs. With no usable
 * key it fails closed: every request is refused with 503 and the log says why.
 */
@ApplicationScoped
public class TrustedIssuer {

  private static final Logger LOG = Logger.getLogger(TrustedIssuer.class.getName());

  private BearerTokens tokens;
  private String problem;

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    try {
      var issuer = config.getValue("mp.jwt.verify.issuer", String.class);
      Set<String> audiences =
          Arrays.stream(config.getValue("mp.jwt.verify.audiences", String.class).split(","))
              .map(String::trim)
              .filter(a -> !a.isEmpty())
              .collect(Collectors.toSet());
      var skew = config.getOptionalValue("keystone.jwt.clock-skew-seconds", Long.class).orElse(60L);
      tokens = new BearerTokens(publicKey(config), issuer, audiences, Duration.ofSeconds(skew));
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      problem = "No usable token key for /consumers (KEYSTONE_JWT_PUBLIC_KEY): " + e;
      LOG.log(Level.SEVERE, problem);
    }
  }

  /** The verifier, or empty when none could be configured (see the log). */
  public Optional<BearerTokens> tokens() {
    return Optional.ofNullable(tokens);
  }

  /** The roles of a valid token, now. */
  public Set<String> roles(String token) throws BearerTokens.Refused {
    return tokens()
        .orElseThrow(() -> new IllegalStateException(problem))
        .roles(token, Instant.now());
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
      var file = Path.of(location.get().replaceFirst("^file:", ""));
      pem = Files.readString(file, StandardCharsets.US_ASCII);
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
