package dev.keystone.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freezing a process tree whose parent keeps forking, as PostgreSQL's postmaster does. */
class OsProcessesTest {

  @Test
  void stopTreeFreezesChildrenForkedWhileItSignals() throws Exception {
    // a parent that forks a short-lived child every few milliseconds, forever
    var parent =
        new ProcessBuilder(List.of("sh", "-c", "while true; do sleep 5 & sleep 0.005; done"))
            .start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> parent.descendants().count() > 3);

      OsProcesses.stopTree(parent.toHandle());

      var tree = OsProcesses.tree(parent.toHandle());
      assertThat(tree).hasSizeGreaterThan(3);
      // a signal takes effect when the kernel next schedules the process: microseconds, not 0
      await()
          .atMost(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(OsProcesses.tree(parent.toHandle()))
                      .as("every process of the tree stopped (state T)")
                      .allSatisfy(p -> assertThat(state(p.pid())).isIn('T', 'X', 'Z')));
      long before = parent.descendants().count();
      // a stopped parent forks no more: the tree does not grow while it stays frozen
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> parent.descendants().count() <= before);
    } finally {
      OsProcesses.killTree(parent.toHandle());
    }
  }

  private static char state(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (NoSuchFileException e) {
      return 'X'; // ended between listing and reading
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
