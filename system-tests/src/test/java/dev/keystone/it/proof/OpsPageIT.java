package dev.keystone.it.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;

/**
 * The ops page ({@code /ops/}) in a real headless Chromium: it asks for a token, refuses a bad one,
 * then shows the cache, outbox and consumer figures and keeps them live while the test writes and
 * reads through the API. Saves a screenshot as {@code target/ops-page.png}.
 */
@KeystoneIT
class OpsPageIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private final Api api = Api.keystone();

  @Test
  void theSummariesAnswerAdminsOnly() {
    awaitApi();
    long product = product();
    api.get("/api/products/" + product);
    var anonymous = Api.anonymous().get("/api/ops/summary");
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    var customer = Api.as("customer", "1").get("/api/ops/summary");
    assertThat(customer.status()).as(customer.toString()).isEqualTo(403);
    assertThat(customer.header("Content-Type")).startsWith("application/problem+json");

    var app = api.get("/api/ops/summary");
    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    assertThat(app.header("Cache-Control")).contains("no-store");
    var caches = app.json().getJsonArray("caches");
    assertThat(caches.stream().map(c -> c.asJsonObject().getString("cache"))).contains("product");
    assertThat(app.json().getJsonObject("outbox").getJsonNumber("backlog").longValue())
        .isNotNegative();
    // the consistency sampler's finding for the product cache (a round every second here)
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/ops/summary").json().getJsonArray("caches").stream()
                            .map(c -> c.asJsonObject())
                            .filter(c -> "product".equals(c.getString("cache")))
                            .map(c -> c.get("inconsistent"))
                            .findFirst()
                            .orElseThrow())
                    .isInstanceOf(jakarta.json.JsonNumber.class));
    // the relay acknowledges the product's event after the request returned
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/ops/summary")
                            .json()
                            .getJsonObject("outbox")
                            .getJsonNumber("sent")
                            .longValue())
                    .isPositive());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              var consumers = api.get("/consumers/ops/summary");
              assertThat(consumers.status()).as(consumers.toString()).isEqualTo(200);
              var json = consumers.json();
              // JSON-B leaves a null field out: no kafkaError means the broker answered
              assertThat(json.containsKey("kafkaError") && !json.isNull("kafkaError"))
                  .as(consumers.toString())
                  .isFalse();
              assertThat(json.getJsonArray("groups").stream())
                  .map(g -> g.asJsonObject().getString("group"))
                  .contains("keystone-audit", "keystone-analytics");
              assertThat(json.getJsonNumber("parked").longValue()).isNotNegative();
              assertThat(json.getJsonNumber("deadLettered").longValue()).isNotNegative();
            });
    System.out.println(
        "Ops summaries: " + app.body() + " " + api.get("/consumers/ops/summary").body());
  }

  @Test
  void theBreakerShowsOpenWhileRedisIsFrozen() {
    awaitApi();
    long product = product();
    var path = "/api/products/" + product;
    api.get(path);
    var redis = KeystoneStack.get().devstack().redis();
    redis.pause();
    try {
      // reads keep answering from the database; the breaker opens after a few timeouts
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                assertThat(api.get(path).status()).isEqualTo(200);
                assertThat(breaker()).isEqualTo("open");
              });
    } finally {
      redis.resume();
    }
    // closed again once Redis answers, and hits resume (later tests expect a working cache)
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                "keystone; hit".equals(api.get(path).header("Cache-Status"))
                    && "closed".equals(breaker()));
  }

  private String breaker() {
    return api.get("/api/ops/summary").json().getJsonArray("caches").stream()
        .map(c -> c.asJsonObject())
        .filter(c -> c.getString("cache").equals("product"))
        .map(c -> c.getString("breaker"))
        .findFirst()
        .orElse("none");
  }

  @Test
  void thePageShowsLiveFiguresInHeadlessChromium() throws Exception {
    Chromium.assumeInstalled();
    awaitApi();
    long product = product();
    api.get("/api/products/" + product);
    var driver = Chromium.start();
    try {
      driver.get(KeystoneStack.get().baseUrl() + "/ops/");
      patiently().until(() -> driver.findElement(By.id("token")).isDisplayed());

      // a forged token: the gateway refuses it and the page asks again
      submitToken(driver, "not-a-jwt");
      patiently().until(() -> text(driver, "token-error").startsWith("Refused"));

      submitToken(driver, KeystoneStack.get().tokens().mint("admin", "ops-page"));
      patiently().until(() -> text(driver, "status").equals("live"));
      patiently()
          .until(
              () ->
                  !driver.findElements(By.cssSelector("#caches tr[data-cache='product']")).isEmpty()
                      && !driver
                          .findElements(By.cssSelector("#groups tr[data-group='keystone-audit']"))
                          .isEmpty());
      long hits = read(() -> number(driver, "#caches tr[data-cache='product'] td.hits"));
      long sent = read(() -> sent(driver));
      long polls = read(() -> number(driver, "#polls"));
      patiently()
          .untilAsserted(
              () -> {
                assertThat(text(driver, "outbox-backlog")).matches("\\d+");
                assertThat(text(driver, "outbox-age")).matches("\\d+(\\.\\d)? m?s");
                assertThat(text(driver, "parked")).matches("\\d+");
                assertThat(text(driver, "dead-lettered")).matches("\\d+");
                assertThat(text(driver, "#caches tr[data-cache='product'] td.hit-ratio"))
                    .endsWith("%");
                assertThat(text(driver, "#caches tr[data-cache='product'] td.breaker"))
                    .isIn("open", "closed");
                assertThat(text(driver, "#groups tr[data-group='keystone-audit'] td.lag"))
                    .matches("\\d+");
              });

      // activity through the API: cache hits and published events must show on the page
      for (int i = 0; i < 20; i++) {
        assertThat(api.get("/api/products/" + product).status()).isEqualTo(200);
      }
      for (int i = 0; i < 5; i++) {
        var reply =
            api.post(
                "/api/products/" + product + "/stock-adjustments",
                "{\"delta\":1,\"reason\":\"ops page test\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      }
      patiently()
          .untilAsserted(
              () -> {
                assertThat(number(driver, "#caches tr[data-cache='product'] td.hits"))
                    .isGreaterThan(hits);
                assertThat(sent(driver)).isGreaterThanOrEqualTo(sent + 5);
                assertThat(number(driver, "#polls")).isGreaterThan(polls + 1);
              });
      var shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      var target = Path.of("target", "ops-page.png");
      Files.createDirectories(target.getParent());
      Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf(
          "Ops page: hits %d → %s, outbox sent %d → %s, polls %d → %s; screenshot %s%n",
          hits,
          text(driver, "#caches tr[data-cache='product'] td.hits"),
          sent,
          text(driver, "outbox-sent"),
          polls,
          text(driver, "polls"),
          target.toAbsolutePath());
    } finally {
      driver.quit();
    }
  }

  /** Awaitility for the page: a poll may replace a row between finding it and reading it. */
  private static org.awaitility.core.ConditionFactory patiently() {
    return await().atMost(PATIENCE).ignoreExceptions();
  }

  private static <T> T read(java.util.concurrent.Callable<T> value) {
    return patiently().until(value, java.util.Objects::nonNull);
  }

  private static long sent(WebDriver driver) {
    return Long.parseLong(text(driver, "outbox-sent").split(" / ")[0]);
  }

  private static void submitToken(WebDriver driver, String token) {
    var field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("use-token")).click();
  }

  /** The text of an element by id, or by CSS selector when it contains a space or a bracket. */
  private static String text(WebDriver driver, String idOrSelector) {
    var by = idOrSelector.matches("[a-z-]+") ? By.id(idOrSelector) : By.cssSelector(idOrSelector);
    return driver.findElement(by).getText().trim();
  }

  private static long number(WebDriver driver, String selector) {
    return Long.parseLong(text(driver, selector));
  }

  private void awaitApi() {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/products?size=1").status() == 200);
  }

  private long product() {
    var reply =
        api.post(
            "/api/products",
            """
            {"sku":"OPS-%s","name":"Ops","price":2.50,"currency":"EUR","stock":5,"category":"ops"}
            """
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }
}
