package dev.keystone.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code token.sh} (which signs with openssl instead of starting a JVM) prints
 * exactly the token {@link DevTokens} would: same header, same claims in the same order and
 * encoding, one hour, signed by the stack's key.
 */
class TokenScriptTest {
  private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("token.sh");
  private static final Pattern TIMES =
      Pattern.compile(
          "\"iat\":(\\d+),\"exp\":(\\d+),\"jti\":\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
              + "[0-9a-f]{4}-[0-9a-f]{12})\"");

  @TempDir Path data;

  @Test
  void theScriptsTokenIsDevTokensTokenSignedWithTheStacksKey() throws Exception {
    JwtKeys keys = JwtKeys.loadOrCreate(data);
    DevTokens tokens = new DevTokens(keys);
    // Quote, backslash and a control character: JSON escaping must match DevTokens' too.
    for (String[] args :
        List.of(new String[] {"admin", "alice"}, new String[] {"customer", "4\"2\\\t"})) {
      long before = Instant.now().getEpochSecond();
      Result result = run(args[0], args[1]);
      long after = Instant.now().getEpochSecond();
      assertEquals(0, result.exit(), result.stderr());
      String token = result.stdout().strip();
      String[] parts = token.split("\\.");
      assertEquals(3, parts.length, token);

      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(keys.publicKey());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "signature");

      String[] expected = tokens.mint(args[0], args[1]).split("\\.");
      assertEquals(expected[0], parts[0], "header");
      String claims = decode(parts[1]);
      Matcher times = TIMES.matcher(claims);
      assertTrue(times.find(), claims);
      long iat = Long.parseLong(times.group(1));
      assertTrue(iat >= before && iat <= after, "iat " + iat);
      assertEquals(3600, Long.parseLong(times.group(2)) - iat, "lifetime");
      assertEquals(withoutTimes(decode(expected[1])), withoutTimes(claims));
    }
    assertNotEquals(run("admin", "alice").stdout(), run("admin", "alice").stdout(), "jti differs");
  }

  @Test
  void withoutAKeyPairItSaysToRunTheStackFirst() throws Exception {
    Result result = run("admin", "alice");
    assertEquals(1, result.exit());
    assertTrue(result.stderr().contains("run ./run.sh once first"), result.stderr());
    assertEquals("", result.stdout());
  }

  @Test
  void anUnknownRoleIsAUsageError() throws Exception {
    JwtKeys.loadOrCreate(data);
    Result result = run("root", "alice");
    assertEquals(1, result.exit());
    assertTrue(result.stderr().startsWith("Usage: ./token.sh admin|customer"), result.stderr());
  }

  private Result run(String role, String subject) throws Exception {
    Path out = Files.createTempFile(data, "out", ".txt");
    Path err = Files.createTempFile(data, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", SCRIPT.toString(), role, subject))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(new File("/dev/null"));
    builder.environment().put("KEYSTONE_DATA_DIR", data.toString());
    Process process = builder.start();
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "token.sh did not finish");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String withoutTimes(String claims) {
    return TIMES.matcher(claims).replaceAll("\"iat\":I,\"exp\":E,\"jti\":J");
  }

  private record Result(int exit, String stdout, String stderr) {}
}
