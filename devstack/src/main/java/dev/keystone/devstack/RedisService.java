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
import java.util.List;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The cache (the architecture's Redis box): the real {@code redis-server} 6.2 binary shipped in
 * codemonstur's embedded-redis jar, copied once to {@code <dataDir>/bin} and run as a child
 * process. Persistence is off ({@code save ""}, {@code appendonly no}): the cache is derived data,
 * and a restart must come back empty, as a real Redis without persistence does.
 */
final class RedisService extends ChildProcessService {
  private final Path dataDir;
  private final Path workDir;

  RedisService(Path dataDir, int port) {
    super("Redis", dataDir, port, dataDir.resolve("logs/redis.log"));
    this.dataDir = dataDir;
    this.workDir = dataDir.resolve("redis");
  }

  String url() {
    return "redis://localhost:" + port();
  }

  @Override
  List<String> command() throws IOException {
    Files.createDirectories(workDir);
    String resource =
        ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
    if (resource == null) {
      throw new IOException("embedded-redis has no redis-server for this OS and architecture");
    }
    Path binary =
        BundledFiles.extract(
            RedisServer.class.getClassLoader(),
            resource,
            dataDir.resolve("bin").resolve(Path.of(resource).getFileName().toString()),
            true);
    return List.of(
        binary.toString(),
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
        "");
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
