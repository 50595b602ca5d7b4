package dev.keystone.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No default or literal password, and no private key, anywhere in the repository's configuration:
 * every secret is a variable fed from the environment (server.xml has {@code password="${...}"},
 * never a value).
 */
class NoSecretsInRepositoryTest {
  private static final Set<String> SKIPPED_DIRS =
      Set.of("target", ".git", ".keystone", ".idea", ".mvn");
  private static final Pattern CONFIG =
      Pattern.compile(".*\\.(xml|properties|env|ya?ml|json|conf|options|sh|cfg|ini)$");

  /** {@code password="literal"} (XML attribute) or {@code password=literal} (properties). */
  private static final Pattern LITERAL =
      Pattern.compile(
          "(?i)(pass(word|wd)?|secret|pwd)[a-z_.-]*\\s*(=\\s*\"(?!\\$\\{)[^\"]+\"|[=:]\\s*(?![\"$]|\\s*$)\\S+)");

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE " + "KEY-----");

  @Test
  void theScannerFindsWhatItLooksFor() {
    assertThat(LITERAL.matcher("<user name=\"x\" password=\"s3cret\"/>").find()).isTrue();
    assertThat(LITERAL.matcher("keystore.password=changeit").find()).isTrue();
    assertThat(LITERAL.matcher("<keyStore password=\"${KEYSTONE_KEYSTORE_PASSWORD}\"/>").find())
        .isFalse();
    assertThat(PRIVATE_KEY.matcher("-----BEGIN RSA PRIVATE " + "KEY-----").find()).isTrue();
  }

  @Test
  void noConfigurationFileHoldsAPasswordOrAPrivateKey() throws IOException {
    var root = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    assertThat(root.resolve("pom.xml")).exists();
    var findings = new ArrayList<String>();
    for (var file : files(root)) {
      if (file.toString().matches(".*\\.(pem|key|p12|jks|pfx)$")) {
        findings.add(root.relativize(file) + ": a key or key store file");
        continue;
      }
      var text = Files.readString(file, StandardCharsets.UTF_8);
      if (PRIVATE_KEY.matcher(text).find()) {
        findings.add(root.relativize(file) + ": a private key");
      }
      if (CONFIG.matcher(file.getFileName().toString()).matches()) {
        var lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
          if (LITERAL.matcher(lines[i]).find()
              && !lines[i].contains("<!--")
              && !isComment(lines[i])) {
            findings.add(root.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
          }
        }
      }
    }
    assertThat(findings).as("literal secrets in the repository").isEmpty();
  }

  private static boolean isComment(String line) {
    var t = line.strip();
    return t.startsWith("#") || t.startsWith("//") || t.startsWith("*");
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .filter(
              p -> {
                for (var part : root.relativize(p)) {
                  if (SKIPPED_DIRS.contains(part.toString())) {
                    return false;
                  }
                }
                return true;
              })
          .filter(
              p ->
                  p.toString()
                      .matches(
                          ".*\\.(xml|properties|env|ya?ml|json|conf|options|sh|cfg|ini|java|md|pem|key|p12|jks|pfx|txt)$"))
          .filter(
              p -> {
                try {
                  return Files.size(p) < 2_000_000;
                } catch (IOException e) {
                  return false;
                }
              })
          .toList();
    }
  }
}
