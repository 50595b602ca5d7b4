package dev.keystone.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.devstack.JwtKeys;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.platform.token.TokenCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The one verifier, seen from outside: every token of the shared bad-token corpus
 * (platform-module's {@link TokenCorpus}, built with the run's key pair) is sent to an {@code /api}
 * route and to an admin route of {@code /consumers}, and the two independent answers must be the
 * same 401 problem+json (status, type, detail, RFC 6750 challenge); a good token, a token of
 * exactly the maximum lifetime and the one {@code ./token.sh} prints open both.
 */
@KeystoneIT
class TokenCorpusIT {

  private static final String API = "/api/products";
  private static final String CONSUMERS = "/consumers/admin/parked?consumer=analytics";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static Path dataDir() {
    var publicKey = KeystoneStack.get().environment().get("KEYSTONE_JWT_PUBLIC_KEY");
    return Path.of(publicKey).toAbsolutePath().getParent().getParent();
  }

  private static TokenCorpus corpus() {
    var keys = JwtKeys.loadOrCreate(dataDir()).keyPair();
    return new TokenCorpus(keys, JwtKeys.DEV_ISSUER, JwtKeys.DEV_AUDIENCE, Instant.now());
  }

  @Test
  void everyBadTokenIsTheSame401OnBothWars() {
    var cases = corpus().bad();
    assertThat(cases).hasSizeGreaterThan(30);
    var soft = new SoftAssertions();
    var seen = new ArrayList<String>();
    for (var bad : cases) {
      var api = Api.withToken(bad.token()).get(API);
      var consumers = Api.withToken(bad.token()).get(CONSUMERS);
      assertSame401(soft, bad.name(), api, consumers);
      seen.add(bad.name() + " → " + api.status() + "/" + consumers.status());
    }
    var anonymous = Api.anonymous();
    assertSame401(soft, "no header", anonymous.get(API), anonymous.get(CONSUMERS));
    var basic = "Basic b3BlcmF0b3I6eA==";
    assertSame401(
        soft,
        "basic",
        anonymous.send(anonymous.request(API).header("Authorization", basic).GET().build()),
        anonymous.send(anonymous.request(CONSUMERS).header("Authorization", basic).GET().build()));
    System.out.println("TokenCorpusIT: " + seen.size() + " bad tokens: " + seen);
    soft.assertAll();
  }

  @Test
  void aGoodTokenOpensBoth() {
    assertOpensBoth("corpus good token", corpus().good(TokenCorpus.ROLE, "corpus-admin"));
  }

  @Test
  void aTokenOfExactlyTheMaximumLifetimeOpensBoth() {
    var token =
        KeystoneStack.get()
            .tokens()
            .token("admin", "day-long")
            .issued(Instant.now(), Duration.ofHours(24))
            .sign();
    assertOpensBoth("24 h token", token);
  }

  @Test
  void theTokenOfTokenShOpensBoth() throws Exception {
    assertOpensBoth("./token.sh admin alice", tokenSh("admin", "alice"));
  }

  private static void assertOpensBoth(String label, String token) {
    var api = Api.withToken(token).get(API);
    var consumers = Api.withToken(token).get(CONSUMERS);
    assertThat(api.status()).as(label + " on /api: " + api).isEqualTo(200);
    assertThat(consumers.status()).as(label + " on /consumers: " + consumers).isEqualTo(200);
  }

  private static void assertSame401(
      SoftAssertions soft, String name, Api.Reply api, Api.Reply consumers) {
    for (var reply : new Api.Reply[] {api, consumers}) {
      soft.assertThat(reply.status()).as(name + ": " + reply).isEqualTo(401);
      soft.assertThat(reply.header("Content-Type"))
          .as(name + ": " + reply)
          .startsWith("application/problem+json");
      soft.assertThat(reply.header("Cache-Control")).as(name).isEqualTo("no-store");
    }
    if (api.status() != 401 || consumers.status() != 401) {
      return;
    }
    var a = api.json();
    var c = consumers.json();
    soft.assertThat(c.getString("type")).as(name + " type").isEqualTo(a.getString("type"));
    soft.assertThat(c.getString("detail")).as(name + " detail").isEqualTo(a.getString("detail"));
    soft.assertThat(c.getInt("status")).as(name + " status").isEqualTo(a.getInt("status"));
    soft.assertThat(consumers.header("WWW-Authenticate"))
        .as(name + " challenge")
        .isNotBlank()
        .isEqualTo(api.header("WWW-Authenticate"));
  }

  /** Runs the repository's {@code ./token.sh} against the run's key pair. */
  private static String tokenSh(String role, String subject)
      throws IOException, InterruptedException {
    var root = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    var builder =
        new ProcessBuilder(root.resolve("token.sh").toString(), role, subject)
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("KEYSTONE_DATA_DIR", dataDir().toString());
    var process = builder.start();
    var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.strip();
  }
}
