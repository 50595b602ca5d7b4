package dev.keystone.devstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Configures and starts a {@link DevStack}. */
public final class DevStackBuilder {
  private final Map<ServicePort, Integer> ports = new EnumMap<>(ServicePort.class);
  private Path dataDir;
  private boolean randomPorts;
  private boolean cluster;
  private boolean shutdownHook = true;

  DevStackBuilder(Map<String, String> env) {
    for (ServicePort port : ServicePort.STACK) {
      ports.put(port, port.fromEnvironment(env));
    }
    String dir = env.get("KEYSTONE_DATA_DIR");
    dataDir = Path.of(dir == null || dir.isBlank() ? ".keystone/data" : dir);
  }

  public DevStackBuilder dataDir(Path dir) {
    this.dataDir = dir;
    return this;
  }

  /**
   * Free ports for every service, picked at {@link #start()} (tests; overrides the other port
   * settings).
   */
  public DevStackBuilder randomPorts() {
    this.randomPorts = true;
    return this;
  }

  /**
   * Three Kafka nodes (replication factor 3) and Redis behind Sentinel instead of one node each
   * (docs/operations.md, "The cluster stack").
   */
  public DevStackBuilder cluster() {
    this.cluster = true;
    return this;
  }

  public DevStackBuilder postgresPort(int p) {
    return port(ServicePort.POSTGRES, p);
  }

  public DevStackBuilder redisPort(int p) {
    return port(ServicePort.REDIS, p);
  }

  public DevStackBuilder kafkaPort(int p) {
    return port(ServicePort.KAFKA, p);
  }

  public DevStackBuilder kafkaControllerPort(int p) {
    return port(ServicePort.KAFKA_CONTROLLER, p);
  }

  public DevStackBuilder smtpPort(int p) {
    return port(ServicePort.SMTP, p);
  }

  /** Port of GreenMail's REST API, where received mail is read ({@code KEYSTONE_SMTP_API_PORT}). */
  public DevStackBuilder smtpApiPort(int p) {
    return port(ServicePort.SMTP_API, p);
  }

  /**
   * Whether the stack registers a JVM shutdown hook that closes it (default true). An owner that
   * orders its own shutdown (Liberty before the stack) turns it off and closes the stack itself.
   */
  public DevStackBuilder shutdownHook(boolean enabled) {
    this.shutdownHook = enabled;
    return this;
  }

  private DevStackBuilder port(ServicePort which, int p) {
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException(which.service + " port must be 1-65535, not " + p);
    }
    ports.put(which, p);
    return this;
  }

  /**
   * Checks that every port is free, then starts every service in parallel and returns once each
   * answers.
   *
   * @throws PortInUseException before starting anything, when a port is taken
   * @throws ServiceStartException when a service does not come up (the others are stopped again)
   */
  public DevStack start() {
    Path dir = dataDir.toAbsolutePath().normalize();
    Orphans.reap(dir);
    Map<ServicePort, Integer> chosen =
        randomPorts ? ServicePort.freePorts(ServicePort.STACK) : ports;
    for (ServicePort port : ServicePort.STACK) {
      port.requireFree(chosen.get(port));
    }
    DevStack stack =
        new DevStack(
            dir,
            cluster
                ? StackServices.cluster(dir, chosen, randomPorts)
                : StackServices.single(dir, chosen));
    if (shutdownHook) {
      stack.shutdownHook = new Thread(stack::close, "devstack-shutdown");
      Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    }
    stack.startAll();
    return stack;
  }
}
