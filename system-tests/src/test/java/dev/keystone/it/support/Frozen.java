package dev.keystone.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.devstack.ManagedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Proof that a SIGSTOP took effect, read from the kernel rather than from the service: every
 * process of the service (the one devstack started and its descendants, e.g. PostgreSQL's backends)
 * is in state {@code T} (stopped) in {@code /proc/<pid>/stat}.
 */
public final class Frozen {

  private Frozen() {}

  /**
   * Freezes {@code service} (SIGSTOP to its process tree, including a child forked meanwhile, such
   * as a PostgreSQL backend for a new connection) and returns once the kernel shows every one of
   * its processes stopped.
   */
  public static int freeze(ManagedService service) {
    service.pause();
    return await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              var states = states(service.pid());
              return states.values().stream().allMatch(state -> state == 'T') ? states.size() : -1;
            },
            n -> n > 0);
  }

  /** Asserts that every process of {@code service} is stopped; returns how many there are. */
  public static int assertFrozen(ManagedService service) {
    var states = states(service.pid());
    assertThat(states).as(service.name() + " processes").isNotEmpty();
    assertThat(states)
        .as(service.name() + " processes' states after SIGSTOP (pid -> state)")
        .allSatisfy((pid, state) -> assertThat(state).isEqualTo('T'));
    return states.size();
  }

  /** Asserts that no process of {@code service} is stopped any more. */
  public static void assertThawed(ManagedService service) {
    assertThat(states(service.pid()))
        .as(service.name() + " processes' states after SIGCONT (pid -> state)")
        .allSatisfy((pid, state) -> assertThat(state).isNotEqualTo('T'));
  }

  private static Map<Long, Character> states(long pid) {
    var pids = new ArrayList<Long>(List.of(pid));
    ProcessHandle.of(pid)
        .map(ProcessHandle::descendants)
        .orElseGet(Stream::empty)
        .forEach(p -> pids.add(p.pid()));
    var states = new TreeMap<Long, Character>();
    for (long p : pids) {
      try {
        var stat = Files.readString(Path.of("/proc/" + p + "/stat"));
        // "pid (comm) S ...": the comm may contain spaces or parentheses, the state follows the
        // last ')'
        states.put(p, stat.charAt(stat.lastIndexOf(')') + 2));
      } catch (NoSuchFileException e) {
        // the process ended between listing and reading: not part of the service any more
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return states;
  }
}
