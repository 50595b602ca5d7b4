package dev.keystone.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Kafka transport security (TLS, SASL) configured once for Liberty's {@code liberty-kafka}
 * connector — the {@code mp.messaging.connector.liberty-kafka.security.protocol}, {@code sasl.*}
 * and {@code ssl.*} keys of server.xml (docs/security.md) — for the Kafka clients the libraries
 * open themselves (the outbox's admin client, the consumer kit's dead-letter producer, the
 * consumers' lag reader), so that every connection to the brokers is secured alike. Free of any
 * Kafka class: it only copies text settings.
 */
public final class KafkaClientSecurity {

  /** The connector-wide prefix of MicroProfile Reactive Messaging. */
  public static final String PREFIX = "mp.messaging.connector.liberty-kafka.";

  private KafkaClientSecurity() {}

  /** {@code base} plus the configured security settings (which win). */
  public static Map<String, Object> with(Map<String, Object> base) {
    var all = new HashMap<>(base);
    all.putAll(select(ConfigProvider.getConfig()));
    return all;
  }

  static Map<String, String> select(Config config) {
    var values = new HashMap<String, String>();
    for (var name : config.getPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        config.getOptionalValue(name, String.class).ifPresent(v -> values.put(name, v));
      }
    }
    return select(values);
  }

  /** The security keys among connector settings, without the prefix; blank values left out. */
  static Map<String, String> select(Map<String, String> settings) {
    var out = new TreeMap<String, String>();
    settings.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || value == null || value.isBlank()) {
            return;
          }
          var key = name.substring(PREFIX.length());
          if (key.equals("security.protocol")
              || key.startsWith("sasl.")
              || key.startsWith("ssl.")) {
            out.put(key, value);
          }
        });
    return out;
  }
}
