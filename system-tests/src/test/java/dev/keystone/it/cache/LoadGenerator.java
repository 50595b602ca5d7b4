package dev.keystone.it.cache;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * A small closed-loop HTTP/1.1 load generator for the cache benchmark: a fixed pool of threads,
 * each with one keep-alive socket, issuing GETs back to back for a fixed time and recording every
 * latency. Much cheaper per request than java.net.http, which matters when it shares two cores with
 * the server.
 */
final class LoadGenerator {

  /**
   * Throughput and latency of one measured run, and the server's CPU time per answered request (the
   * figure that survives a machine shared with other builds best).
   */
  record Result(
      String name, double rps, double p50Ms, double p99Ms, long errors, double cpuUsPerRequest) {}

  private LoadGenerator() {}

  /**
   * Warms up, then measures for {@code runMs}; {@code serverCpuNanos} reads the server process's
   * CPU time (user + system) so that the measured window's share can be divided by its requests.
   */
  static Result run(
      String name,
      int port,
      String path,
      int threads,
      long warmupMs,
      long runMs,
      LongSupplier serverCpuNanos)
      throws Exception {
    measure(port, path, threads, warmupMs);
    long cpuBefore = serverCpuNanos.getAsLong();
    long start = System.nanoTime();
    var lat = measure(port, path, threads, runMs);
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = serverCpuNanos.getAsLong() - cpuBefore;
    long errors = lat.stream().filter(l -> l < 0).count();
    long[] ok = lat.stream().filter(l -> l >= 0).mapToLong(Long::longValue).toArray();
    Arrays.sort(ok);
    return new Result(
        name,
        ok.length / seconds,
        pct(ok, 0.50) / 1e6,
        pct(ok, 0.99) / 1e6,
        errors,
        ok.length == 0 ? Double.NaN : cpu / 1e3 / ok.length);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  private static List<Long> measure(int port, String path, int threads, long ms) throws Exception {
    var pool = Executors.newFixedThreadPool(threads);
    try {
      long deadline = System.nanoTime() + ms * 1_000_000;
      var futures = new ArrayList<Future<List<Long>>>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit((Callable<List<Long>>) () -> loop(port, path, deadline)));
      }
      var all = new ArrayList<Long>();
      for (var f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Long> loop(int port, String path, long deadline) throws IOException {
    var latencies = new ArrayList<Long>(100_000);
    var request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nAuthorization: "
                + CacheFixture.adminAuthorization()
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    Socket socket = null;
    InputStream in = null;
    try {
      while (System.nanoTime() < deadline) {
        if (socket == null) {
          // Liberty closes a keep-alive connection after 100 requests: open the next one
          socket = new Socket("localhost", port);
          socket.setTcpNoDelay(true);
          in = new BufferedInputStream(socket.getInputStream(), 16384);
        }
        long start = System.nanoTime();
        try {
          OutputStream out = socket.getOutputStream();
          out.write(request);
          out.flush();
          var response = readResponse(in);
          latencies.add(response.status() == 200 ? System.nanoTime() - start : -1);
          if (response.close()) {
            socket.close();
            socket = null;
          }
        } catch (IOException | UncheckedIOException e) {
          socket.close(); // closed between requests: not an answer, so nothing is recorded
          socket = null;
        }
      }
    } finally {
      if (socket != null) {
        socket.close();
      }
    }
    return latencies;
  }

  /** A response's status and whether the server closes the connection after it. */
  private record Response(int status, boolean close) {}

  /** Reads one response (Content-Length or chunked). */
  private static Response readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      var lower = h.toLowerCase();
      if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (int size = Integer.parseInt(line(in).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        skip(in, size);
        line(in);
      }
      line(in);
    } else if (length > 0) {
      skip(in, length);
    }
    return new Response(status, close);
  }

  private static void skip(InputStream in, int n) throws IOException {
    while (n > 0) {
      long s = in.skip(n);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new UncheckedIOException(new IOException("connection closed"));
        }
        s = 1;
      }
      n -= (int) s;
    }
  }

  private static String line(InputStream in) throws IOException {
    var sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
