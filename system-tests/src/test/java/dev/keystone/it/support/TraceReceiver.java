package dev.keystone.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver inside the test JVM: the servers of the test stack export their spans
 * here ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, http/protobuf), and tests read them back. It decodes
 * {@code ExportTraceServiceRequest} messages of opentelemetry-proto and keeps every span of the
 * run; no collector binary needed.
 */
public final class TraceReceiver implements AutoCloseable {

  /** One received span, flattened: ids as lower-case hex, attributes as strings. */
  public record ReceivedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      Map<String, String> attributes,
      List<String> linkedTraceIds) {

    /** The attribute's value, or null. */
    public String attribute(String key) {
      return attributes.get(key);
    }
  }

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  private TraceReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on a free port of the loopback interface. */
  public static TraceReceiver start() {
    try {
      var server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      var receiver = new TraceReceiver(server);
      server.createContext("/v1/traces", receiver::traces);
      server.createContext("/", TraceReceiver::accepted); // metrics and logs, if ever sent: dropped
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to give as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Every span received so far. */
  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** The spans of one trace received so far. */
  public List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void traces(HttpExchange exchange) throws IOException {
    try (exchange) {
      var request = ExportTraceServiceRequest.parseFrom(body(exchange));
      for (var resource : request.getResourceSpansList()) {
        var service = attributes(resource.getResource().getAttributesList()).get("service.name");
        for (var scope : resource.getScopeSpansList()) {
          for (var span : scope.getSpansList()) {
            spans.add(
                new ReceivedSpan(
                    service,
                    hex(span.getTraceId().toByteArray()),
                    hex(span.getSpanId().toByteArray()),
                    hex(span.getParentSpanId().toByteArray()),
                    span.getName(),
                    span.getKindValue(),
                    attributes(span.getAttributesList()),
                    span.getLinksList().stream()
                        .map(l -> hex(l.getTraceId().toByteArray()))
                        .toList()));
          }
        }
      }
      var answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    return in.readAllBytes();
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    var map = new HashMap<String, String>();
    for (var kv : values) {
      map.put(kv.getKey(), text(kv.getValue()));
    }
    return map;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
