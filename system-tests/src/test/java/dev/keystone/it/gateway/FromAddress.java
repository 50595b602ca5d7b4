package dev.keystone.it.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain HTTP/1.1 GET sent from a chosen loopback address (e.g. {@code 127.0.0.3}): the gateway
 * keys anonymous callers by client address, and the JDK's HttpClient cannot choose its source
 * address on Java 17. Linux routes the whole of 127.0.0.0/8 to the loopback interface.
 */
final class FromAddress {
  private final InetAddress source;

  FromAddress(String sourceAddress) {
    try {
      this.source = InetAddress.getByName(sourceAddress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer: status, headers by lower-case name (last value wins), raw body. */
  record Reply(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Reply get(int port, String path) {
    try (var socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      var request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: localhost:"
              + port
              + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      var text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return parse(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    var head = (end < 0 ? text : text.substring(0, end)).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    var headers = new HashMap<String, String>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            head[i].substring(colon + 1).trim());
      }
    }
    return new Reply(status, headers, end < 0 ? "" : text.substring(end + 4));
  }
}
