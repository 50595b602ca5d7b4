package dev.keystone.devstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service left behind by a devstack JVM that died is killed by the next start on the same data
 * directory.
 */
class OrphansTest {
  @TempDir Path dataDir;

  @Test
  void killsARecordedProcessThatBelongsToTheDataDirectory() throws IOException {
    Process orphan = sleeper(dataDir.toString());
    record("redis", orphan, 999_999_999L);

    Orphans.reap(dataDir);

    assertTrue(OsProcesses.awaitExit(orphan.toHandle(), Duration.ofSeconds(5)));
    assertFalse(Files.exists(Orphans.pidFile(dataDir, "redis")));
  }

  @Test
  void leavesAProcessAloneWhoseCommandLineIsSomeoneElses() throws IOException {
    Process stranger = sleeper("/somewhere/else");
    try {
      record("kafka", stranger, 999_999_999L);

      Orphans.reap(dataDir);

      assertTrue(stranger.isAlive(), "a recycled pid must not be killed");
    } finally {
      OsProcesses.killTree(stranger.toHandle());
    }
  }

  @Test
  void leavesAServiceAloneWhileTheDevStackThatOwnsItRuns() throws IOException {
    Process owned = sleeper(dataDir.toString());
    try {
      record("smtp", owned, ProcessHandle.current().pid());

      Orphans.reap(dataDir);

      assertTrue(owned.isAlive(), "another devstack's service must not be killed");
    } finally {
      OsProcesses.killTree(owned.toHandle());
    }
  }

  /** A shell (its command line names {@code marker}) with a child, as a postmaster has backends. */
  private static Process sleeper(String marker) throws IOException {
    Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 60; true", marker).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> shell.descendants().findAny().isPresent());
    return shell;
  }

  /**
   * As a service records itself: its pid, then its devstack JVM's (999999999: a JVM that is gone).
   */
  private void record(String service, Process process, long owner) throws IOException {
    Path file = Orphans.pidFile(dataDir, service);
    Files.createDirectories(file.getParent());
    Files.writeString(file, process.pid() + " " + owner);
  }
}
