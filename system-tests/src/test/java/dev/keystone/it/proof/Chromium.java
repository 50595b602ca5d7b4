package dev.keystone.it.proof;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them). Nothing is downloaded at run time: both
 * paths are given, so Selenium Manager is never asked for a browser or a driver.
 */
final class Chromium {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final String HOW_TO_GET_IT = "apt-get install chromium chromium-driver";

  private Chromium() {}

  /**
   * Skips the calling test where no Chromium is installed, with the command that installs it; in CI
   * (where {@code .ci/run} installs it) a missing browser fails instead, so the test always runs.
   */
  static void assumeInstalled() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (!present && System.getenv("CI") != null) {
      fail("CI must run the browser test, but Chromium is missing: " + HOW_TO_GET_IT);
    }
    assumeTrue(present, "No Chromium on this machine (" + BROWSER + "): " + HOW_TO_GET_IT);
  }

  /** A fresh headless browser with its own throw-away profile. */
  static ChromeDriver start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("keystone-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
