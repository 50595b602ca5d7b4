package dev.keystone.devstack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file copy of a low-level base backup: a running PostgreSQL's data directory, between {@code
 * pg_backup_start()} and {@code pg_backup_stop()}, leaving out what PostgreSQL's documentation says
 * to leave out (the WAL, which the standby streams instead; the pid and options files; the slots;
 * temporary and run-time state, whose directories are created empty). Files change and vanish while
 * they are copied; the WAL replayed from the backup's start makes the copy consistent, and a file
 * that vanished was not needed.
 */
final class DataDirectoryCopy {
  /** Directories whose contents are left out; the directories themselves are created. */
  private static final Set<String> EMPTIED =
      Set.of(
          "pg_wal",
          "pg_replslot",
          "pg_dynshmem",
          "pg_notify",
          "pg_serial",
          "pg_snapshots",
          "pg_stat_tmp",
          "pg_subtrans");

  /** Files of the top directory that are left out. */
  private static final Set<String> SKIPPED =
      Set.of(
          "postmaster.pid",
          "postmaster.opts",
          "backup_label",
          "tablespace_map",
          "standby.signal",
          "recovery.signal");

  private DataDirectoryCopy() {}

  static void copy(Path from, Path to) throws IOException {
    if (hasEntries(from.resolve("pg_tblspc"))) {
      throw new IOException("devstack's base backup does not copy tablespaces: " + from);
    }
    Files.createDirectories(
        to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(dir); // the top directory's is the empty path
            if (dir.getFileName().toString().startsWith("pgsql_tmp")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(relative.toString()));
            boolean emptied = relative.getNameCount() == 1 && EMPTIED.contains(relative.toString());
            if (emptied && relative.toString().equals("pg_wal")) {
              Files.createDirectories(to.resolve("pg_wal/archive_status"));
            }
            return emptied ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(file);
            String name = file.getFileName().toString();
            boolean skipped =
                (relative.getNameCount() == 1 && SKIPPED.contains(name))
                    || name.startsWith("pgsql_tmp")
                    || name.equals("pg_internal.init");
            if (!skipped && attrs.isRegularFile()) {
              try {
                Files.copy(
                    file,
                    to.resolve(relative.toString()),
                    StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING);
              } catch (NoSuchFileException vanished) {
                // dropped or renamed by the server meanwhile: the WAL replay does the same
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  private static boolean hasEntries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }
}
