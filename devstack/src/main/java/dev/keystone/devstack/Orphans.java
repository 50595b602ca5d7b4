package dev.keystone.devstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Services left running by an earlier devstack on the same data directory whose JVM died without
 * cleaning up (a SIGKILL, an IDE's hard stop, a surefire fork timeout). Each service records its
 * pid in {@code <dataDir>/pids/}; the next start kills what is still alive there before checking
 * ports, so the user does not hunt for strays.
 */
final class Orphans {
  private Orphans() {}

  static Path pidFile(Path dataDir, String service) {
    return dataDir.resolve("pids").resolve(service.toLowerCase(Locale.ROOT) + ".pid");
  }

  /**
   * Kills every recorded process that is still alive and still belongs to {@code dataDir} (its
   * command line names the directory, so a recycled pid is never touched).
   */
  static void reap(Path dataDir) {
    Path pids = dataDir.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
      for (Path file : files) {
        String[] recorded = Files.readString(file).trim().split("\\s+");
        long pid = Long.parseLong(recorded[0]);
        boolean ownerAlive =
            recorded.length > 1 && OsProcesses.isLiving(Long.parseLong(recorded[1]));
        if (ownerAlive) {
          continue; // another devstack is using this data directory: the port check will say so
        }
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains(dataDir.toString()))
            .ifPresent(
                orphan -> {
                  System.err.println(
                      "devstack: stopping "
                          + file.getFileName()
                          + " (pid "
                          + pid
                          + ") left running by an earlier devstack on "
                          + dataDir);
                  OsProcesses.killTree(orphan);
                });
        Files.deleteIfExists(file);
      }
    } catch (IOException | NumberFormatException e) {
      // best effort: the port check that follows still reports anything left
    }
  }
}
