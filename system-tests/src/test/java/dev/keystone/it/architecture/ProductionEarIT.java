package dev.keystone.it.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Nothing for benchmarks in production (docs/benchmarks.md): the built EAR, every WAR and JAR in it
 * included, holds no bench-only WAR or class and no switch that drops events or turns reference
 * endpoints on. The benchmark's reference endpoints live in {@code bench-module}, a WAR of its own
 * that only the benchmark deploys. Runs after {@code package} (Failsafe), on the EAR just built.
 */
class ProductionEarIT {

  /** A bench WAR, or a class in a {@code bench} package of the application. */
  private static final Pattern BENCH_ENTRY =
      Pattern.compile("(?i)(^|/)[^/]*bench[^/]*\\.war$|(^|/)dev/keystone/([a-z]+/)*bench/");

  /**
   * A configuration key that switches event publication off ({@code keystone.outbox.enabled}: the
   * outbox's own parts, {@code keystone.outbox.relay.enabled} and {@code .sweeper.enabled}, are
   * operations settings that lose nothing) or one that turns bench endpoints on.
   */
  private static final Pattern SWITCH =
      Pattern.compile("keystone\\.outbox\\.enabled|KEYSTONE_OUTBOX_ENABLED|(?i)keystone[._]bench");

  @Test
  void theScanFindsTheBenchWarsOwnClassesAndAnEventSwitch() throws IOException {
    var findings = scan(Path.of(System.getProperty("keystone.bench.war")));
    assertThat(findings)
        .anyMatch(f -> f.startsWith("BENCH ") && f.endsWith("dev/keystone/bench/BenchApi.class"));
    assertThat(SWITCH.matcher("@ConfigProperty(name = \"keystone.outbox.enabled\")").find())
        .isTrue();
    assertThat(SWITCH.matcher("keystone.outbox.relay.enabled").find()).isFalse();
    assertThat(SWITCH.matcher("KEYSTONE_BENCH_ENABLED").find()).isTrue();
  }

  @Test
  void theProductionEarHasNoBenchCodeAndNoEventSwitch() throws IOException {
    var ear = Path.of(System.getProperty("keystone.ear"));
    assertThat(ear).as("the built EAR").isRegularFile();
    var findings = scan(ear);
    assertThat(findings).as("entries scanned").isNotEmpty();
    assertThat(findings.stream().filter(f -> f.startsWith("BENCH ") || f.startsWith("SWITCH ")))
        .as("bench code or switches in " + ear)
        .isEmpty();
    assertThat(findings)
        .as("the scan reached the WARs' classes")
        .anyMatch(f -> f.contains("web-module.war!/WEB-INF/classes/dev/keystone/web/"));
  }

  /**
   * Every entry of the archive, nested archives opened: {@code name} for a plain entry, {@code
   * BENCH name} for a bench entry, {@code SWITCH name} for an entry whose bytes (a class's constant
   * pool, a properties or XML file) name a switch.
   */
  private static List<String> scan(Path archive) throws IOException {
    var findings = new ArrayList<String>();
    try (var in = Files.newInputStream(archive)) {
      scan(archive.getFileName().toString(), in, findings);
    }
    return findings;
  }

  private static void scan(String prefix, InputStream archive, List<String> findings)
      throws IOException {
    var zip = new ZipInputStream(archive);
    for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      var name = prefix + "!/" + entry.getName();
      var bytes = zip.readAllBytes();
      if (BENCH_ENTRY.matcher(entry.getName()).find()) {
        findings.add("BENCH " + name);
      }
      if (entry.getName().matches(".*\\.(war|jar|rar)$")) {
        scan(name, new ByteArrayInputStream(bytes), findings);
      } else if (SWITCH.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).find()) {
        findings.add("SWITCH " + name);
      }
      findings.add(name);
    }
  }
}
