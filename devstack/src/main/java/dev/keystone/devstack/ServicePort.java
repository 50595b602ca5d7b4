package dev.keystone.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed, documented ports of the stack (docs/operations.md) and the environment variables that
 * move them. Fixed defaults let psql, redis-cli and the Kafka tools be pointed at the stack without
 * looking anything up.
 */
enum ServicePort {
  POSTGRES("PostgreSQL", "KEYSTONE_PG_PORT", 15432),
  REDIS("Redis", "KEYSTONE_REDIS_PORT", 16379),
  KAFKA("Kafka", "KEYSTONE_KAFKA_PORT", 19092),
  KAFKA_CONTROLLER("Kafka controller", "KEYSTONE_KAFKA_CONTROLLER_PORT", 19093),
  SMTP("SMTP", "KEYSTONE_SMTP_PORT", 2525),
  SMTP_API("GreenMail API", "KEYSTONE_SMTP_API_PORT", 8181),
  LIBERTY_HTTP("Liberty HTTP", "KEYSTONE_HTTP_PORT", 9080),
  LIBERTY_HTTPS("Liberty HTTPS", "KEYSTONE_HTTPS_PORT", 9443),
  /** The cluster stack's further nodes, on ports derived from PostgreSQL's, Kafka's and Redis's. */
  CLUSTER_EXTRA("cluster stack", "KEYSTONE_PG_PORT, KEYSTONE_KAFKA_PORT or KEYSTONE_REDIS_PORT", 0);

  /** The ports {@link DevStack} itself needs (Liberty's are checked by {@link Main}). */
  static final List<ServicePort> STACK =
      List.of(POSTGRES, REDIS, KAFKA, KAFKA_CONTROLLER, SMTP, SMTP_API);

  final String service;
  final String envVar;
  final int defaultPort;

  ServicePort(String service, String envVar, int defaultPort) {
    this.service = service;
    this.envVar = envVar;
    this.defaultPort = defaultPort;
  }

  /** The port from the environment variable, or the documented default. */
  int fromEnvironment(Map<String, String> env) {
    String value = env.get(envVar);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        envVar + " must be a port number (1-65535), not '" + value + "'.");
  }

  /**
   * Fails with a one-line {@link PortInUseException} when something already listens on {@code
   * port}. Binding the wildcard address catches listeners on any local address; SO_REUSEADDR keeps
   * TIME_WAIT leftovers of an earlier run from counting as "in use".
   */
  void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new PortInUseException(port, service, envVar);
    }
  }

  /**
   * One free loopback port per entry of {@code ports}, all distinct (the sockets stay open until
   * all are picked).
   */
  static Map<ServicePort, Integer> freePorts(List<ServicePort> ports) {
    List<ServerSocket> open = new ArrayList<>();
    try {
      Map<ServicePort, Integer> picked = new EnumMap<>(ServicePort.class);
      for (ServicePort port : ports) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(socket);
        picked.put(port, socket.getLocalPort());
      }
      return picked;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find free ports", e);
    } finally {
      for (ServerSocket socket : open) {
        try {
          socket.close();
        } catch (IOException e) {
          // nothing listens on it any more either way
        }
      }
    }
  }
}
