package dev.keystone.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a file shipped inside a jar (the redis-server binary, the GreenMail standalone jar) to
 * disk, once: a copy of the same size is reused, so a restart never rewrites a binary that may
 * still be executing.
 */
final class BundledFiles {
  private BundledFiles() {}

  /**
   * Returns {@code target}, written from the class-path resource {@code resource} unless an
   * identical-size copy is already there.
   */
  static synchronized Path extract(
      ClassLoader loader, String resource, Path target, boolean executable) throws IOException {
    URL url = loader.getResource(resource.startsWith("/") ? resource.substring(1) : resource);
    if (url == null) {
      throw new IOException("Resource " + resource + " is not on the class path");
    }
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    if (Files.isRegularFile(target) && Files.size(target) == size) {
      return target;
    }
    Files.createDirectories(target.getParent());
    Path partial =
        Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    if (executable && !partial.toFile().setExecutable(true, true)) {
      throw new IOException("Could not make " + partial + " executable");
    }
    try {
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
