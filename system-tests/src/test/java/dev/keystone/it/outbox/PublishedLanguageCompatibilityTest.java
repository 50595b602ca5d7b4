package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml against the last released document, frozen in docs/asyncapi-released/ as
 * {@code <info.version>.yaml} (docs/events.md, "Releasing the published language"): it may only
 * grow, and once it differs from the release it carries a higher version.
 */
class PublishedLanguageCompatibilityTest {

  static final Path RELEASES =
      Path.of(System.getProperty("keystone.asyncapi.released", "../docs/asyncapi-released"));

  @Test
  void theDocumentBreaksNoConsumerOfTheLastRelease() {
    var last = lastRelease();
    var breaks =
        SchemaCompatibility.breaks(
            PublishedLanguage.read(last), PublishedLanguage.read(PublishedLanguage.FILE));
    assertThat(breaks).as("incompatible with the release " + last.getFileName()).isEmpty();
  }

  @Test
  void aChangedDocumentCarriesAHigherVersionThanTheLastRelease() {
    var last = lastRelease();
    var released = PublishedLanguage.read(last);
    var current = PublishedLanguage.read(PublishedLanguage.FILE);
    var releasedVersion = released.at("/info/version").asText();
    assertThat(last.getFileName()).hasToString(releasedVersion + ".yaml");
    var comparison = VERSIONS.compare(current.at("/info/version").asText(), releasedVersion);
    if (current.equals(released)) {
      assertThat(comparison).as("the released document, unchanged").isZero();
    } else {
      assertThat(comparison).as("info.version above the release " + releasedVersion).isPositive();
    }
  }

  /** Versions {@code major.minor.patch}, compared by number. */
  static final Comparator<String> VERSIONS =
      Comparator.comparing(
          v -> Arrays.stream(v.split("\\.")).mapToInt(Integer::parseInt).toArray(),
          Arrays::compare);

  /** The frozen document with the highest version. */
  static Path lastRelease() {
    try (var files = Files.list(RELEASES)) {
      return files
          .filter(f -> f.getFileName().toString().matches("\\d+\\.\\d+\\.\\d+\\.yaml"))
          .max(
              Comparator.comparing(
                  f -> f.getFileName().toString().replaceFirst("\\.yaml$", ""), VERSIONS))
          .orElseThrow(() -> new AssertionError("no released document in " + RELEASES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
