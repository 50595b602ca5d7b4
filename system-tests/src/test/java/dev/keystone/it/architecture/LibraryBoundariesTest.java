package dev.keystone.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The libraries' public faces (docs/libraries.md): each library's {@code internal} package is used
 * from inside that library only, so that the shop uses the cache, the outbox and the consumer kit
 * exactly as a stranger's application would; the libraries and the platform know nothing of the
 * shop.
 */
@AnalyzeClasses(packages = "dev.keystone", importOptions = ImportOption.DoNotIncludeTests.class)
class LibraryBoundariesTest {

  @ArchTest static final ArchRule cacheInternalsStayInside = internalsOf("dev.keystone.cache");

  @ArchTest static final ArchRule outboxInternalsStayInside = internalsOf("dev.keystone.outbox");

  @ArchTest
  static final ArchRule consumerKitInternalsStayInside = internalsOf("dev.keystone.consumerkit");

  @ArchTest
  static final ArchRule librariesKnowNothingOfTheShop =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.keystone.cache..",
              "dev.keystone.outbox..",
              "dev.keystone.consumerkit..",
              "dev.keystone.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.keystone.domain..", "dev.keystone.web..", "dev.keystone.consumers..")
          .because("a library that names the shop cannot be taken into another application");

  @ArchTest
  static final ArchRule thePlatformIsInfrastructureOnly =
      noClasses()
          .that()
          .resideInAPackage("dev.keystone.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.keystone.cache..", "dev.keystone.outbox..", "dev.keystone.consumerkit..")
          .because("the platform sits under every library and both WARs");

  private static ArchRule internalsOf(String library) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(library + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(library + ".internal..")
        .because(library + ".internal is the library's own: others use its public package only");
  }
}
