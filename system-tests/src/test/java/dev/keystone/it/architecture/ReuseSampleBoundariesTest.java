package dev.keystone.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The notes sample (samples/notes-app) is the proof that the libraries serve an application that is
 * not the shop (docs/libraries.md): it may use the cache's and the outbox's public packages, the
 * platform, the Jakarta EE and MicroProfile APIs and Flyway, and nothing of the shop or of a
 * library's internals. Empty rules fail, so the rules also fail if the sample's classes go missing.
 */
@AnalyzeClasses(
    packages = "dev.keystone.samples",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ReuseSampleBoundariesTest {

  private static final String SAMPLE = "dev.keystone.samples..";

  @ArchTest
  static final ArchRule theSampleUsesOnlyTheLibrariesPublicFaces =
      classes()
          .that()
          .resideInAPackage(SAMPLE)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              SAMPLE,
              "dev.keystone.cache",
              "dev.keystone.outbox",
              "dev.keystone.platform..",
              "java..",
              "javax.sql..",
              "jakarta..",
              "org.eclipse.microprofile..",
              "org.flywaydb.core..")
          .because(
              "another team's application codes against a library's public package only"
                  + " (docs/libraries.md)");

  @ArchTest
  static final ArchRule theSampleKnowsNothingOfTheShopOrTheInternals =
      noClasses()
          .that()
          .resideInAPackage(SAMPLE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..internal..",
              "dev.keystone.domain..",
              "dev.keystone.web..",
              "dev.keystone.consumers..",
              "redis.clients..",
              "org.apache.kafka..")
          .because(
              "the sample proves the libraries stand alone: Redis and Kafka only through them, and"
                  + " no line of the shop");
}
