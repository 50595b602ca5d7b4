package dev.keystone.it.support;

import dev.keystone.devstack.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The test servers' directories in the Liberty that server-config builds. */
public final class ServerDirectories {

  private ServerDirectories() {}

  /** The run's main server: the configuration, plus the drop-ins only the tests need. */
  static void createMain(Path wlp, String name, Path configDir) {
    var server = wlp.resolve("usr/servers").resolve(name);
    try {
      deleteRecursively(server);
      Files.createDirectories(server.resolve("configDropins/overrides"));
      try (var files = Files.list(configDir)) {
        for (var file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, server.resolve(file.getFileName()));
        }
      }
      Files.writeString(
          server.resolve("configDropins/overrides/arquillian.xml"),
          """
          <server>
            <featureManager>
              <feature>localConnector-1.0</feature>
            </featureManager>
            <applicationMonitor updateTrigger="mbean" dropinsEnabled="true"/>
          </server>
          """);
      // a user of the operators' registry WITHOUT the administrator role: OperatorIT shows that
      // the Admin Center refuses a logged-in non-operator
      Files.writeString(
          server.resolve("configDropins/overrides/it-visitor.xml"),
          """
          <server>
            <basicRegistry id="operators">
              <user name="it-visitor" password="${KEYSTONE_IT_VISITOR_PASSWORD}"/>
            </basicRegistry>
          </server>
          """);
      // the cache ITs run on servers of their own; here only: no near cache, so a Redis outage
      // is visible at once in the slice test
      Files.writeString(
          server.resolve("configDropins/overrides/cache-it.xml"),
          """
          <server>
            <variable name="keystone.cache.product.near" value="false"/>
          </server>
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An extra application node: the main server's configuration and the built EAR, deployed by its
   * configuration (not by Arquillian).
   */
  public static void createNode(Path server, Path configDir, Path ear) {
    try {
      deleteRecursively(server);
      Files.createDirectories(server.resolve("configDropins/overrides"));
      Files.createDirectories(server.resolve("apps"));
      try (var files = Files.list(configDir)) {
        for (var file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, server.resolve(file.getFileName()));
        }
      }
      Files.copy(ear, server.resolve("apps/keystone.ear"));
      Files.writeString(
          server.resolve("configDropins/overrides/application.xml"),
          """
          <server>
            <enterpriseApplication id="keystone" name="keystone" location="keystone.ear">
              <classloader apiTypeVisibility="+third-party"/>
            </enterpriseApplication>
          </server>
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A consumers-only node: a copy of the {@code keystone-consumers} server that server-config
   * builds ({@code template}): its server.xml, the channels of consumers.xml and the consumers WAR.
   */
  public static void createConsumersNode(Path server, Path template) {
    try {
      deleteRecursively(server);
      for (var file :
          java.util.List.of("server.xml", "consumers.xml", "apps/consumers-module.war")) {
        Files.createDirectories(server.resolve(file).getParent());
        Files.copy(template.resolve(file), server.resolve(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Liberty's CWWKO0221E: the HTTP endpoint could not bind its port. */
  public static boolean lostItsPort(LibertyServer liberty) {
    try {
      return Files.readString(liberty.messagesLog()).contains("CWWKO0221E");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
