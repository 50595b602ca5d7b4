package dev.keystone.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture's "key truths" (§4) and module boundaries, checked on the compiled classes.
 * Maven module dependencies already make most wrong imports fail to compile; these rules catch the
 * rest.
 */
@AnalyzeClasses(packages = "dev.keystone", importOptions = ImportOption.DoNotIncludeTests.class)
class KeyTruthsTest {

  /** The application's side: the shop, its gateway and the libraries it runs with. */
  private static final String[] APPLICATION = {
    "dev.keystone.domain..",
    "dev.keystone.web..",
    "dev.keystone.cache..",
    "dev.keystone.outbox..",
    "dev.keystone.platform.."
  };

  @ArchTest
  static final ArchRule gatewayNeverTouchesRedisOrKafka =
      noClasses()
          .that()
          .resideInAPackage("dev.keystone.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "redis.clients..", "org.apache.kafka..", "org.eclipse.microprofile.reactive..")
          .because(
              "docs/architecture.md (§4, key truths): \"API Gateway never touches Redis or Kafka\"");

  @ArchTest
  static final ArchRule onlyTheCacheTouchesRedis =
      noClasses()
          .that()
          .resideInAnyPackage(APPLICATION)
          .and()
          .resideOutsideOfPackage("dev.keystone.cache.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("redis.clients..")
          .because(
              "docs/architecture.md says: Redis is only accessed by the application (through its cache)");

  @ArchTest
  static final ArchRule onlyMessagingTalksToKafka =
      noClasses()
          .that()
          .resideInAnyPackage(APPLICATION)
          .and()
          .resideOutsideOfPackage("dev.keystone.outbox.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.eclipse.microprofile.reactive..")
          .because(
              "docs/architecture.md §3: the application publishes events to Kafka through the outbox"
                  + " library only");

  @ArchTest
  static final ArchRule theApplicationNeverReadsKafka =
      noClasses()
          .that()
          .resideInAnyPackage(APPLICATION)
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.apache.kafka.clients.consumer.KafkaConsumer")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.eclipse.microprofile.reactive.messaging.Incoming")
          .because("docs/architecture.md says: Kafka is write-only from the application");

  @ArchTest
  static final ArchRule consumersNeverCallTheApplication =
      noClasses()
          .that()
          .resideInAnyPackage("dev.keystone.consumers..", "dev.keystone.consumerkit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.keystone.domain..",
              "dev.keystone.outbox..",
              "dev.keystone.web..",
              "dev.keystone.cache..")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net.http..", "jakarta.ws.rs.client..")
          .because(
              "docs/architecture.md says: consumers never call back into the producer synchronously");

  /** Domain, outbox, JPA and the resources. */
  private static final DescribedPredicate<JavaClass> BEHIND_THE_GATEWAY =
      resideInAnyPackage("dev.keystone.domain..", "dev.keystone.outbox..", "jakarta.persistence..")
          .or(
              resideInAPackage("dev.keystone.web..")
                  .and(
                      resideOutsideOfPackages(
                          "dev.keystone.web.gateway..", "dev.keystone.web.problem..")))
          .and(not(name("dev.keystone.platform.correlation.Correlation")))
          .as("domain logic, messaging, JPA or resources");

  @ArchTest
  static final ArchRule theGatewayHasNoDomainLogic =
      noClasses()
          .that()
          .resideInAPackage("dev.keystone.web.gateway..")
          .should()
          .dependOnClassesThat(BEHIND_THE_GATEWAY)
          .because(
              "docs/architecture.md §2 (API gateway): entry point only, authentication, routing and"
                  + " rate limiting, no domain logic");

  @ArchTest
  static final ArchRule theWebLayerNeverTouchesTheDatabase =
      noClasses()
          .that()
          .resideInAPackage("dev.keystone.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..")
          .because(
              "docs/architecture.md (§2): the Application Service is \"the only intelligent component\" that"
                  + " reads and writes the database");

  @ArchTest
  static final ArchRule consumersNeverReachTheApplicationOverHttp =
      noClasses()
          .that()
          .resideInAPackage("dev.keystone.consumers..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.HttpURLConnection")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.URL")
          .because(
              "docs/architecture.md (§2, Consumer Applications): \"Never call back into the producer"
                  + " synchronously\"");

  @ArchTest
  static final ArchRule noCyclesBetweenFeatures =
      slices()
          .matching("dev.keystone.(*).(*)..")
          .should()
          .beFreeOfCycles()
          .because("features depend on each other in one direction only");
}
