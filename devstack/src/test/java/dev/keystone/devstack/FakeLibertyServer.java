package dev.keystone.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the Liberty JVM in {@link LibertyServerTest}: answers {@code /health/ready} (200,
 * or 503 when {@code FAKE_READY=false}) and echoes environment variables at {@code /env/<name>}, on
 * {@code KEYSTONE_HTTP_PORT}.
 */
public final class FakeLibertyServer {
  private FakeLibertyServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv("KEYSTONE_HTTP_PORT"));
    boolean ready = !"false".equals(System.getenv("FAKE_READY"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/health/ready", exchange -> reply(exchange, ready ? 200 : 503, "{}"));
    server.createContext(
        "/env/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring("/env/".length());
          reply(exchange, 200, String.valueOf(System.getenv(name)));
        });
    server.start();
    System.out.println("CWWKF0011I: The fake server is ready to run a smarter planet.");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
