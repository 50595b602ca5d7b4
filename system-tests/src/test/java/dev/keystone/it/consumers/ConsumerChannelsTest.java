package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.consumers.analytics.AnalyticsConsumer;
import dev.keystone.consumers.audit.AuditConsumer;
import dev.keystone.consumers.cache.CacheRefreshConsumer;
import dev.keystone.consumers.email.EmailConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

/**
 * Every {@code @Incoming} channel of the consumers is configured in consumers.xml with a connector,
 * a topic, a group of its own consumer (never shared between consumers) and the on/off switch as
 * connector.
 */
class ConsumerChannelsTest {

  private static final Path CONFIG =
      Path.of("../server-config/src/main/liberty/config/consumers.xml");

  @Test
  void everyChannelIsConfiguredWithItsConsumersOwnGroup() throws Exception {
    var xml = Files.readString(CONFIG);
    Map<String, String> groupOfConsumer = new HashMap<>();
    for (var type :
        List.of(
            AuditConsumer.class,
            AnalyticsConsumer.class,
            EmailConsumer.class,
            CacheRefreshConsumer.class)) {
      var channels =
          Arrays.stream(type.getMethods())
              .map(m -> m.getAnnotation(Incoming.class))
              .filter(java.util.Objects::nonNull)
              .map(Incoming::value)
              .toList();
      assertThat(channels).isNotEmpty();
      for (var channel : channels) {
        for (var key : List.of("connector", "topic", "bootstrap.servers")) {
          assertThat(xml).contains("mp.messaging.incoming." + channel + "." + key + "\"");
        }
        assertThat(value(xml, "mp.messaging.incoming." + channel + ".connector"))
            .as("the switch must reach every channel")
            .isEqualTo("${KEYSTONE_CONSUMERS_CONNECTOR}");
        var group = value(xml, "mp.messaging.incoming." + channel + ".group.id");
        var previous = groupOfConsumer.putIfAbsent(type.getSimpleName(), group);
        assertThat(previous == null ? group : previous).as(channel).isEqualTo(group);
      }
    }
    assertThat(groupOfConsumer.values()).doesNotHaveDuplicates();
  }

  private static String value(String xml, String name) {
    return Stream.of(xml.split("\n"))
        .filter(l -> l.contains("name=\"" + name + "\""))
        .map(l -> l.replaceAll(".*value=\"([^\"]*)\".*", "$1"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not configured"));
  }
}
