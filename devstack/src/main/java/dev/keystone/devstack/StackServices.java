package dev.keystone.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.kafka.common.Uuid;

/**
 * The engines of one stack. Single (the default): one PostgreSQL, one Redis, one Kafka node, SMTP.
 * Cluster ({@code ./run.sh --cluster}): PostgreSQL as a primary and a streaming standby, SMTP,
 * three Kafka nodes, and Redis as a primary, a replica and three Sentinels (docs/operations.md,
 * "The cluster stack").
 *
 * <p>The cluster's extra ports follow the documented ones, so the tools can be pointed at them
 * without looking anything up: the PostgreSQL standby on {@code KEYSTONE_PG_PORT + 1}, Kafka node n
 * on {@code KEYSTONE_KAFKA_PORT + 2(n-1)} (its controller one above), the Redis replica on {@code
 * KEYSTONE_REDIS_PORT + 1}, Sentinel n on {@code KEYSTONE_REDIS_PORT + 10000 + (n-1)}. Tests take
 * free ports for all of them.
 */
final class StackServices {
  static final int CLUSTER_NODES = 3;

  final PostgresService postgres;
  final PostgresStandby postgresStandby;
  final SmtpService smtp;
  final KafkaQuorum quorum;
  final List<KafkaService> kafka = new ArrayList<>();
  final RedisService redis;
  final RedisService redisReplica;
  final List<SentinelService> sentinels = new ArrayList<>();

  private StackServices(
      Path dataDir,
      Map<ServicePort, Integer> ports,
      KafkaQuorum quorum,
      int replicaPort,
      List<Integer> sentinelPorts,
      int standbyPort) {
    int postgresPort = ports.get(ServicePort.POSTGRES);
    if (standbyPort > 0) {
      this.postgres = new PostgresService(dataDir, postgresPort, new PostgresReplication(dataDir));
      this.postgresStandby = new PostgresStandby(dataDir, standbyPort, postgres);
    } else {
      this.postgres = new PostgresService(dataDir, postgresPort);
      this.postgresStandby = null;
    }
    this.smtp =
        new SmtpService(dataDir, ports.get(ServicePort.SMTP), ports.get(ServicePort.SMTP_API));
    this.quorum = quorum;
    for (int id = 1; id <= quorum.size(); id++) {
      kafka.add(new KafkaService(dataDir, quorum, id));
    }
    int redisPort = ports.get(ServicePort.REDIS);
    this.redis = new RedisService(dataDir, redisPort);
    this.redisReplica =
        replicaPort > 0 ? RedisService.replica(dataDir, replicaPort, redisPort) : null;
    for (int i = 0; i < sentinelPorts.size(); i++) {
      sentinels.add(new SentinelService(dataDir, i + 1, sentinelPorts.get(i), redisPort));
    }
  }

  static StackServices single(Path dataDir, Map<ServicePort, Integer> ports) {
    var quorum =
        KafkaQuorum.single(ports.get(ServicePort.KAFKA), ports.get(ServicePort.KAFKA_CONTROLLER));
    return new StackServices(dataDir, ports, quorum, 0, List.of(), 0);
  }

  static StackServices cluster(Path dataDir, Map<ServicePort, Integer> ports, boolean randomPorts) {
    var kafkaPorts = new ArrayList<Integer>();
    var controllerPorts = new ArrayList<Integer>();
    var sentinelPorts = new ArrayList<Integer>();
    int replicaPort;
    int standbyPort;
    if (randomPorts) {
      var free = freePorts(2 * CLUSTER_NODES - 2 + 1 + CLUSTER_NODES + 1);
      standbyPort = free.remove(0);
      kafkaPorts.add(ports.get(ServicePort.KAFKA));
      controllerPorts.add(ports.get(ServicePort.KAFKA_CONTROLLER));
      for (int n = 1; n < CLUSTER_NODES; n++) {
        kafkaPorts.add(free.remove(0));
        controllerPorts.add(free.remove(0));
      }
      replicaPort = free.remove(0);
      sentinelPorts.addAll(free);
    } else {
      for (int n = 0; n < CLUSTER_NODES; n++) {
        kafkaPorts.add(ports.get(ServicePort.KAFKA) + 2 * n);
        controllerPorts.add(ports.get(ServicePort.KAFKA_CONTROLLER) + 2 * n);
        sentinelPorts.add(ports.get(ServicePort.REDIS) + 10_000 + n);
      }
      replicaPort = ports.get(ServicePort.REDIS) + 1;
      standbyPort = ports.get(ServicePort.POSTGRES) + 1;
    }
    var extra = new ArrayList<Integer>(kafkaPorts.subList(1, CLUSTER_NODES));
    extra.addAll(controllerPorts.subList(1, CLUSTER_NODES));
    extra.add(replicaPort);
    extra.addAll(sentinelPorts);
    extra.add(standbyPort);
    extra.forEach(ServicePort.CLUSTER_EXTRA::requireFree);
    var quorum = new KafkaQuorum(kafkaPorts, controllerPorts, clusterId(dataDir));
    return new StackServices(dataDir, ports, quorum, replicaPort, sentinelPorts, standbyPort);
  }

  boolean isCluster() {
    return !sentinels.isEmpty();
  }

  /**
   * Every service. Start order does not matter (every service waits for its peers by itself) but
   * for the PostgreSQL standby, a copy of the running primary: {@link DevStack} starts it once the
   * primary has started.
   */
  List<ChildProcessService> all() {
    var all = new ArrayList<ChildProcessService>();
    all.add(postgres);
    if (postgresStandby != null) {
      all.add(postgresStandby);
    }
    all.add(redis);
    if (redisReplica != null) {
      all.add(redisReplica);
    }
    all.addAll(sentinels);
    all.addAll(kafka);
    all.add(smtp);
    return all;
  }

  /**
   * The {@code keystone} database; in the cluster both nodes, in pgjdbc's multi-host form: the
   * driver tries them in turn and keeps the one that is a primary, so a promoted standby is found
   * on the next connection without a restart.
   */
  String jdbcUrl() {
    if (postgresStandby == null) {
      return postgres.jdbcUrl();
    }
    return "jdbc:postgresql://localhost:%d,localhost:%d/%s?targetServerType=primary&sslmode=disable"
        .formatted(postgres.port(), postgresStandby.port(), PostgresService.DATABASE);
  }

  /** {@code redis://localhost:16379}, or the Sentinels in the cluster. */
  String redisUrl() {
    if (!isCluster()) {
      return "redis://localhost:" + redis.port();
    }
    var hosts = new StringJoiner(",");
    sentinels.forEach(s -> hosts.add("localhost:" + s.port()));
    return "redis-sentinel://" + hosts + "/" + SentinelService.PRIMARY_NAME;
  }

  /** One id for every node of the quorum, made once and kept with the data. */
  private static String clusterId(Path dataDir) {
    Path file = dataDir.resolve("kafka-cluster.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(dataDir);
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the Kafka cluster id in " + file, e);
    }
  }

  private static List<Integer> freePorts(int count) {
    var open = new ArrayList<ServerSocket>();
    try {
      var picked = new ArrayList<Integer>();
      for (int i = 0; i < count; i++) {
        var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(socket);
        picked.add(socket.getLocalPort());
      }
      return picked;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find free ports", e);
    } finally {
      for (var socket : open) {
        try {
          socket.close();
        } catch (IOException e) {
          // nothing listens on it any more either way
        }
      }
    }
  }
}
