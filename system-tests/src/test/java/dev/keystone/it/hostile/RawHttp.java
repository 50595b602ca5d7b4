package dev.keystone.it.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request, the request written byte for byte as
 * the probe says: control characters in the request line and in header values, non-Latin-1 text in
 * headers and a lying {@code Content-Length} reach the server, where an HTTP client library would
 * refuse to send them.
 */
final class RawHttp {

  /** An answer: status, headers (lower-case names, first value) and the body as text. */
  record Reply(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final String host;
  private final int port;

  RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * The pseudo-status of a request the server closed the connection on before it was completely
   * written (no answer could be read).
   */
  static final int CLOSED_MID_REQUEST = 0;

  Reply send(Probe probe) {
    var head = new StringBuilder();
    head.append(probe.method()).append(' ').append(probe.target()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    head.append("Connection: close\r\n");
    boolean lengthGiven = false;
    for (var h : probe.headers()) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      lengthGiven |= h[0].equalsIgnoreCase("Content-Length");
    }
    byte[] body = probe.body() == null ? new byte[0] : Urls.wire(probe.body());
    if (!lengthGiven && (probe.body() != null || !probe.method().equals("GET"))) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      try {
        out.write(Urls.wire(head.toString()));
        out.write(body);
        out.flush();
      } catch (IOException writeFailed) {
        // Liberty's channel refuses an oversized header as soon as it has read past its limit and
        // closes the connection while the rest is still being written: no application saw it.
        // Its answer, if any, is waiting to be read.
        try {
          return read(socket.getInputStream());
        } catch (IOException noAnswer) {
          return new Reply(CLOSED_MID_REQUEST, Map.of(), "");
        }
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(probe + ": " + e.getMessage(), e);
    }
  }

  private static Reply read(InputStream in) throws IOException {
    var all = in.readAllBytes(); // Connection: close, so the server ends the answer
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IOException("no complete answer: " + all.length + " bytes");
    }
    var lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    var headers = new LinkedHashMap<String, String>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    var rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = unchunk(rest);
    }
    return new Reply(status, headers, new String(rest, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] data) {
    var out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < data.length) {
      int lineEnd =
          indexOf(java.util.Arrays.copyOfRange(data, pos, data.length), new byte[] {'\r', '\n'});
      if (lineEnd < 0) {
        break;
      }
      var sizeText = new String(data, pos, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      pos += lineEnd + 2;
      if (size == 0) {
        break;
      }
      out.write(data, pos, Math.min(size, data.length - pos));
      pos += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
