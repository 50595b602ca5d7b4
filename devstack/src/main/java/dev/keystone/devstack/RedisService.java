package dev.keystone.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The cache (the architecture's Redis box): the real {@code redis-server} 6.2 binary shipped in
 * codemonstur's embedded-redis jar, copied once to {@code <dataDir>/bin} and run as a child
 * process. Persistence is off ({@code save ""}, {@code appendonly no}): the cache is derived data,
 * and a restart must come back empty, as a real Redis without persistence does.
 *
 * <p>In the cluster stack a second one runs as the first's replica ({@code --replicaof}), and
 * {@link SentinelService}s watch both; after a failover Sentinel turns whichever node comes back
 * into a replica of the promoted one.
 */
class RedisService extends ChildProcessService {
  private final Path dataDir;
  private final Path workDir;
  private final int replicaOf;

  RedisService(Path dataDir, int port) {
    this("Redis", "redis", dataDir, port, 0);
  }

  /** A replica of the Redis on {@code primaryPort}. */
  static RedisService replica(Path dataDir, int port, int primaryPort) {
    return new RedisService("Redis replica", "redis-replica", dataDir, port, primaryPort);
  }

  RedisService(String name, String dirName, Path dataDir, int port, int replicaOf) {
    super(name, dataDir, port, dataDir.resolve("logs/" + dirName + ".log"));
    this.dataDir = dataDir;
    this.workDir = dataDir.resolve(dirName);
    this.replicaOf = replicaOf;
  }

  String url() {
    return "redis://localhost:" + port();
  }

  @Override
  List<String> command() throws IOException {
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>(List.of(binary().toString()));
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port()),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            workDir.toString(),
            "--pidfile",
            workDir.resolve("redis.pid").toString(),
            "--logfile",
            ""));
    if (replicaOf > 0) {
      command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(replicaOf)));
    }
    return command;
  }

  Path workDir() {
    return workDir;
  }

  /** The redis-server binary shipped in the embedded-redis jar, copied out once. */
  Path binary() throws IOException {
    String resource =
        ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
    if (resource == null) {
      throw new IOException("embedded-redis has no redis-server for this OS and architecture");
    }
    return BundledFiles.extract(
        RedisServer.class.getClassLoader(),
        resource,
        dataDir.resolve("bin").resolve(Path.of(resource).getFileName().toString()),
        true);
  }

  /** PING over a raw socket: devstack needs no Redis client library. */
  @Override
  boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
