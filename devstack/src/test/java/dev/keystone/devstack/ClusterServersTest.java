package dev.keystone.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster run's server layout ({@link ClusterServers}): ports derived from the documented ones,
 * each server a directory of its own holding the installed server's configuration and applications
 * but none of its logs, work area, expanded applications, key store or secrets.
 */
class ClusterServersTest {
  @TempDir Path wlp;

  @Test
  void fourServersOnPortsDerivedFromTheDocumentedOnesEachInItsOwnDirectory() throws IOException {
    var app = wlp.resolve("usr/servers/keystone");
    for (var file :
        List.of(
            "server.xml",
            "messaging.xml",
            "configDropins/defaults/keystone-classloader.xml",
            "apps/keystone.ear",
            "apps/expanded/keystone.ear/META-INF/application.xml",
            "logs/messages.log",
            "workarea/.sRunning",
            "resources/security/key.p12",
            "devstack-secrets.properties")) {
      write(app.resolve(file));
    }
    var consumers = wlp.resolve("usr/servers/keystone-consumers");
    write(consumers.resolve("server.xml"));
    write(consumers.resolve("apps/consumers-module.war"));
    int http = freeBlock();
    int https = freeBlock();
    var env =
        Map.of(
            "KEYSTONE_HTTP_PORT", Integer.toString(http),
            "KEYSTONE_HTTPS_PORT", Integer.toString(https));
    var layout = new ClusterServers(wlp, "keystone", env);
    assertEquals(List.of(http, http + 1, http + 10, http + 11), layout.httpPorts());

    var servers =
        layout.servers(Map.of("KEYSTONE_DB_URL", "jdbc:postgresql://db/keystone")).servers();
    assertEquals(
        ClusterServers.INSTANCES, servers.stream().map(LibertyServer::serverName).toList());
    assertEquals(layout.httpPorts(), servers.stream().map(LibertyServer::httpPort).toList());
    assertEquals(https, servers.get(0).httpsPort());
    assertEquals(https + 1, servers.get(1).httpsPort());
    var a = wlp.resolve("usr/servers/keystone-cluster-a");
    assertTrue(Files.exists(a.resolve("server.xml")));
    assertTrue(Files.exists(a.resolve("configDropins/defaults/keystone-classloader.xml")));
    assertTrue(Files.exists(a.resolve("apps/keystone.ear")));
    for (var left : List.of("apps/expanded", "logs", "workarea", "resources")) {
      assertFalse(Files.exists(a.resolve(left)), left);
    }
    assertFalse(Files.exists(a.resolve("devstack-secrets.properties")));
    var consumersA = wlp.resolve("usr/servers/keystone-cluster-consumers-a");
    assertTrue(Files.exists(consumersA.resolve("apps/consumers-module.war")));
    assertFalse(Files.exists(consumersA.resolve("apps/keystone.ear")));
  }

  @Test
  void withoutTheConsumersServerItSaysHowToBuildIt() {
    var e =
        assertThrows(
            IllegalStateException.class, () -> new ClusterServers(wlp, "keystone", Map.of()));
    assertTrue(e.getMessage().contains("keystone-consumers"), e.getMessage());
  }

  private static void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, file.getFileName().toString());
  }

  /** A port p with p, p + 1, p + 10 and p + 11 free a moment ago. */
  private static int freeBlock() throws IOException {
    for (int attempt = 0; ; attempt++) {
      int p;
      try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        p = socket.getLocalPort();
      }
      if (p < 65000 && free(p + 1) && free(p + 10) && free(p + 11)) {
        return p;
      }
      if (attempt > 50) {
        throw new IllegalStateException("no block of free ports");
      }
    }
  }

  private static boolean free(int port) {
    try (var socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
