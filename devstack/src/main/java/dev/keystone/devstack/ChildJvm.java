package dev.keystone.devstack;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Command lines for the child JVMs (Kafka broker, GreenMail). They run on the JDK that runs
 * devstack and, for Kafka, on devstack's own class path, found robustly: {@code java.class.path}
 * when it holds the Kafka jar; its manifest {@code Class-Path} when it is a launcher's
 * manifest-only jar (surefire, failsafe); else the URLs of the class loaders (exec:java runs
 * devstack inside Maven, whose {@code java.class.path} is Maven's own).
 */
final class ChildJvm {
  private ChildJvm() {}

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A class path on which {@code className} (and everything next to it in devstack's class path) is
   * found.
   */
  static String classPathWith(String className) {
    String resource = className.replace('.', '/') + ".class";
    URL url = ChildJvm.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(className + " is not on devstack's class path");
    }
    String owner = jarOf(url);
    List<String> fromProperty = expandManifests(System.getProperty("java.class.path", ""));
    if (fromProperty.contains(owner)) {
      return String.join(File.pathSeparator, fromProperty);
    }
    Set<String> fromLoaders = new LinkedHashSet<>();
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader();
        loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL entry : urls.getURLs()) {
          fromLoaders.add(toPath(entry));
        }
      }
    }
    if (!fromLoaders.contains(owner)) {
      throw new IllegalStateException(
          "Cannot build a class path for " + className + " (found in " + owner + ")");
    }
    return String.join(File.pathSeparator, fromLoaders);
  }

  private static List<String> expandManifests(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      entries.add(Path.of(entry).toAbsolutePath().toString());
      if (entry.endsWith(".jar")) {
        entries.addAll(manifestClassPath(Path.of(entry)));
      }
    }
    return entries;
  }

  private static List<String> manifestClassPath(Path jar) {
    List<String> entries = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      String value =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (value != null) {
        for (String relative : value.trim().split("\\s+")) {
          entries.add(toPath(jar.toUri().resolve(relative).toURL()));
        }
      }
    } catch (IOException e) {
      // not a readable jar: it contributes only itself
    }
    return entries;
  }

  private static String jarOf(URL resourceUrl) {
    String text = resourceUrl.toString();
    if (text.startsWith("jar:")) {
      try {
        return toPath(new URL(text.substring(4, text.indexOf("!/"))));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return text;
  }

  private static String toPath(URL url) {
    try {
      return Path.of(url.toURI()).toAbsolutePath().toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return url.getPath();
    }
  }
}
