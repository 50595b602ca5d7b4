package dev.keystone.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a child process whose program could not be executed at the first try. */
class ChildProcessServiceTest {

  @TempDir Path dir;

  /**
   * A service whose program exits 126 (as {@code setsid} does when its exec fails: "text file
   * busy") the first {@code failures} times, and runs otherwise; it answers once it runs.
   */
  private ChildProcessService service(int failures) throws IOException {
    var tries = dir.resolve("tries");
    var script = dir.resolve("program.sh");
    Files.writeString(
        script,
        """
        echo x >> "%s"
        if [ "$(wc -l < "%s")" -le %d ]; then exit 126; fi
        touch "%s"
        exec sleep 30
        """
            .formatted(tries, tries, failures, dir.resolve("running")));
    return new ChildProcessService("program", dir, 0, dir.resolve("program.log")) {
      @Override
      List<String> command() {
        return List.of("sh", script.toString());
      }

      @Override
      boolean answers() {
        return Files.exists(dir.resolve("running"));
      }
    };
  }

  @Test
  void aProgramThatCouldNotBeExecutedOnceIsStartedAgain() throws Exception {
    var program = service(1);
    try {
      program.start();
      assertThat(program.isRunning()).isTrue();
      assertThat(Files.readAllLines(dir.resolve("tries"))).hasSize(2);
      assertThat(Files.readString(dir.resolve("program.log"))).contains("exit code 126");
    } finally {
      program.stop();
    }
  }

  @Test
  void aProgramThatNeverCanBeExecutedFailsAfterThreeTries() throws Exception {
    var program = service(10);
    assertThatThrownBy(program::start).isInstanceOf(ServiceStartException.class);
    assertThat(Files.readAllLines(dir.resolve("tries"))).hasSize(3);
  }
}
