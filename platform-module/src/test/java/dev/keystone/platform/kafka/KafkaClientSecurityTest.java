package dev.keystone.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

  private static final String P = KafkaClientSecurity.PREFIX;

  @Test
  void takesTheConnectorsSecurityKeysOnly() {
    var selected =
        KafkaClientSecurity.select(
            Map.of(
                P + "security.protocol",
                "SASL_SSL",
                P + "sasl.mechanism",
                "SCRAM-SHA-512",
                P + "sasl.jaas.config",
                "module required;",
                P + "ssl.truststore.location",
                "/etc/kafka/trust.p12",
                P + "bootstrap.servers",
                "broker:9093",
                "mp.messaging.incoming.audit-order.security.protocol",
                "PLAINTEXT",
                "security.protocol",
                "PLAINTEXT"));
    assertThat(selected)
        .containsOnly(
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry("sasl.jaas.config", "module required;"),
            Map.entry("ssl.truststore.location", "/etc/kafka/trust.p12"));
  }

  @Test
  void leavesBlankSettingsOut() {
    assertThat(
            KafkaClientSecurity.select(
                Map.of(P + "sasl.jaas.config", " ", P + "security.protocol", "PLAINTEXT")))
        .containsOnly(Map.entry("security.protocol", "PLAINTEXT"));
  }
}
