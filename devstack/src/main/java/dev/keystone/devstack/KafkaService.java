package dev.keystone.devstack;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * The event log (the architecture's Kafka box): a real broker in KRaft mode (broker and controller
 * in one JVM), Apache's own {@code kafka.Kafka} started as a child JVM on devstack's class path.
 * Its log directory ({@code <dataDir>/kafka/data}) is formatted once and survives restarts, so
 * topics and committed offsets do too.
 *
 * <p>One node by default (replication factors 1). In a {@link KafkaQuorum} of three, every node is
 * broker and controller, in its own rack, and the cluster replicates as production does:
 * replication factor 3, {@code min.insync.replicas=2}, no unclean leader election
 * (docs/operations.md, "The cluster stack").
 */
final class KafkaService extends ChildProcessService {
  private final KafkaQuorum quorum;
  private final int nodeId;
  private final int controllerPort;
  private final Path kafkaDir;
  private final Path logDir;
  private final Path config;

  KafkaService(Path dataDir, int port, int controllerPort) {
    this(dataDir, KafkaQuorum.single(port, controllerPort), 1);
  }

  KafkaService(Path dataDir, KafkaQuorum quorum, int nodeId) {
    super(
        quorum.size() == 1 ? "Kafka" : "Kafka " + nodeId,
        dataDir,
        quorum.port(nodeId),
        dataDir.resolve(quorum.size() == 1 ? "logs/kafka.log" : "logs/kafka-" + nodeId + ".log"));
    this.quorum = quorum;
    this.nodeId = nodeId;
    this.controllerPort = quorum.controllerPort(nodeId);
    this.kafkaDir = dataDir.resolve(quorum.size() == 1 ? "kafka" : "kafka-" + nodeId);
    this.logDir = kafkaDir.resolve("data");
    this.config = kafkaDir.resolve("server.properties");
  }

  String bootstrap() {
    return "localhost:" + port();
  }

  int controllerPort() {
    return controllerPort;
  }

  @Override
  List<String> command() throws IOException {
    writeConfig();
    String classPathArgument = "@" + writeClassPathFile();
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(classPathArgument);
    }
    List<String> command = jvm(classPathArgument, quorum.size() == 1 ? "-Xmx512m" : "-Xmx384m");
    command.addAll(List.of("kafka.Kafka", config.toString()));
    return command;
  }

  /**
   * The broker logs through slf4j-simple; these keep its log (a file) at INFO whatever devstack's
   * console uses.
   */
  private static List<String> jvm(String classPathArgument, String heap) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(ChildJvm.javaExecutable(), heap, "-XX:+UseG1GC", "-Djava.awt.headless=true"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    command.add(classPathArgument);
    return command;
  }

  /** A java argument file: keeps a 60-jar class path out of the log and out of {@code ps}. */
  private Path writeClassPathFile() throws IOException {
    Path file = kafkaDir.resolve("classpath.args");
    String classPath = ChildJvm.classPathWith("kafka.Kafka");
    Files.writeString(
        file, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
    return file;
  }

  private void format(String classPathArgument) throws IOException {
    List<String> command = jvm(classPathArgument, "-Xmx256m");
    command.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            quorum.clusterId() != null ? quorum.clusterId() : Uuid.randomUuid().toString(),
            "-c",
            config.toString()));
    try {
      runToCompletion(command, Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting " + logDir, e);
    }
  }

  private void writeConfig() throws IOException {
    Files.createDirectories(logDir);
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(nodeId));
    p.setProperty("controller.quorum.voters", quorum.voters());
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + port() + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port());
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // After a kill the controller refuses the restarted broker until the dead one's session expires
    // (default 9 s).
    p.setProperty("broker.session.timeout.ms", "4000");
    p.setProperty("broker.heartbeat.interval.ms", "1000");
    String replicas = Integer.toString(quorum.size());
    String minInSync = Integer.toString(quorum.minInSyncReplicas());
    p.setProperty("offsets.topic.replication.factor", replicas);
    p.setProperty("transaction.state.log.replication.factor", replicas);
    p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
    p.setProperty("default.replication.factor", replicas);
    p.setProperty("transaction.state.log.min.isr", minInSync);
    p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
    p.setProperty("min.insync.replicas", minInSync);
    p.setProperty("unclean.leader.election.enable", "false");
    // A rack per node, so consumers that name theirs (client.rack) can fetch from the nearest
    // replica.
    p.setProperty("broker.rack", "rack-" + nodeId);
    p.setProperty(
        "replica.selector.class", "org.apache.kafka.common.replica.RackAwareReplicaSelector");
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(out, "Written by devstack on every start; edits are overwritten.");
    }
  }

  /**
   * After a crash (SIGKILL) the broker recovers the log of every partition, the 50 of the offsets
   * topic included, before it answers: on a busy 2-core machine that took over a minute.
   */
  @Override
  Duration startTimeout() {
    return Duration.ofMinutes(3);
  }

  /**
   * A TCP probe first (cheap), then a real request: describeCluster answers once the broker serves
   * clients.
   */
  @Override
  boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 500);
    } catch (IOException e) {
      return false;
    }
    Map<String, Object> settings =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000);
    try (Admin admin = Admin.create(settings)) {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
          .nodes()
          .get(4, TimeUnit.SECONDS)
          .isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
