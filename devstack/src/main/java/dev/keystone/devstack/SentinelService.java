package dev.keystone.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One Redis Sentinel of the cluster stack: the same {@code redis-server} binary in sentinel mode,
 * watching the primary named {@link #PRIMARY_NAME}. Three of them with a quorum of two promote the
 * replica about {@link #DOWN_AFTER_MS} after the primary stops answering.
 *
 * <p>Sentinel rewrites its configuration file as it learns the topology; devstack writes a fresh
 * one on every start (the data nodes restart empty and in their first roles anyway).
 */
final class SentinelService extends RedisService {

  /** The name clients ask Sentinel for ({@code redis-sentinel://.../keystone}). */
  static final String PRIMARY_NAME = "keystone";

  /** How long the primary may be silent before a Sentinel calls it down. */
  static final int DOWN_AFTER_MS = 1000;

  private final int primaryPort;

  SentinelService(Path dataDir, int index, int port, int primaryPort) {
    super("Redis Sentinel " + index, "redis-sentinel-" + index, dataDir, port, 0);
    this.primaryPort = primaryPort;
  }

  @Override
  List<String> command() throws IOException {
    Files.createDirectories(workDir());
    Path config = workDir().resolve("sentinel.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "# Written by devstack on every start; Sentinel rewrites it while running.",
            "port " + port(),
            "bind 127.0.0.1",
            "daemonize no",
            "logfile \"\"",
            "dir " + workDir(),
            "sentinel monitor " + PRIMARY_NAME + " 127.0.0.1 " + primaryPort + " 2",
            "sentinel down-after-milliseconds " + PRIMARY_NAME + " " + DOWN_AFTER_MS,
            "sentinel failover-timeout " + PRIMARY_NAME + " 10000",
            "sentinel parallel-syncs " + PRIMARY_NAME + " 1",
            ""),
        StandardCharsets.UTF_8);
    return List.of(binary().toString(), config.toString(), "--sentinel");
  }
}
