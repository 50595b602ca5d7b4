package dev.keystone.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cluster stack of devstack's cluster tests, started once per test run on free ports in a
 * temporary directory and shared by the test classes that extend with it (a start costs three Kafka
 * nodes); closed, and its directory deleted, when the run ends.
 */
final class SharedCluster implements BeforeAllCallback {
  private static Running running;

  /** The running cluster stack; only valid in a class extended with this. */
  static DevStack stack() {
    return running.stack;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(SharedCluster.class, key -> Running.start(), Running.class);
  }

  private record Running(Path dataDir, DevStack stack)
      implements ExtensionContext.Store.CloseableResource {

    static Running start() {
      try {
        Path dir = Files.createTempDirectory("devstack-cluster-");
        long begin = System.nanoTime();
        DevStack stack = DevStack.builder().dataDir(dir).randomPorts().cluster().start();
        System.out.printf(
            Locale.ROOT,
            "cluster stack started in %.1f s: %s%n",
            (System.nanoTime() - begin) / 1e9,
            stack.startupTimes());
        return new Running(dir, stack);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      stack.close();
      try (Stream<Path> paths = Files.walk(dataDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
