package dev.keystone.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port stops the stack before anything starts, with one line that says how to move it. */
class PortInUseTest {
  @TempDir Path dataDir;

  @Test
  void aTakenPortFailsWithTheServiceAndItsEnvironmentVariable() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      DevStackBuilder builder = DevStack.builder().dataDir(dataDir).postgresPort(port);

      PortInUseException e = assertThrows(PortInUseException.class, builder::start);

      assertEquals(
          "Port " + port + " (PostgreSQL) is already in use; set KEYSTONE_PG_PORT to another port.",
          e.getMessage());
      assertEquals(port, e.port());
      assertFalse(Files.exists(dataDir.resolve("logs")), "nothing may start");
    }
  }

  @Test
  void mainPrintsOneLineAndExitsWithTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Path stderr = dataDir.resolve("stderr.txt");
      ProcessBuilder main =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      Main.class.getName(),
                      "stack"))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(stderr.toFile())
              .redirectInput(new File("/dev/null"));
      main.environment().put("KEYSTONE_DATA_DIR", dataDir.resolve("data").toString());
      ServicePort.freePorts(ServicePort.STACK)
          .forEach((which, free) -> main.environment().put(which.envVar, Integer.toString(free)));
      main.environment().put("KEYSTONE_REDIS_PORT", Integer.toString(port));
      Process process = main.start();

      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(2, process.exitValue());
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      assertEquals(
          List.of(
              "Port "
                  + port
                  + " (Redis) is already in use; set KEYSTONE_REDIS_PORT to another port."),
          lines);
    }
  }
}
