package dev.keystone.consumers.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.EventSamples;
import dev.keystone.consumers.EventSamples.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cache refresher decides from the envelope alone, in every form (docs/events.md): changes and
 * stock adjustments evict the product's key, a creation does not.
 */
class EvictionReadingTest {

  @ParameterizedTest
  @EnumSource(Form.class)
  void evictsOnChangesAndStockAdjustmentsInEveryForm(Form form) {
    var changed = ReceivedEvent.parse(EventSamples.productChanged(form, 7, 2));
    var adjusted = ReceivedEvent.parse(EventSamples.stockAdjusted(form, 7, 3));
    var created = ReceivedEvent.parse(EventSamples.productCreated(form, 7));

    assertThat(CacheRefreshConsumer.evicts(changed)).isTrue();
    assertThat(CacheRefreshConsumer.evicts(adjusted)).isTrue();
    assertThat(CacheRefreshConsumer.evicts(created)).isFalse();
    assertThat(ProductCacheEvictor.key(changed.aggregateId())).isEqualTo("keystone:v2:{product:7}");
  }

  @Test
  void evictsOnALaterSchemaVersionToo() {
    var v2 =
        ReceivedEvent.parse(
            EventSamples.productChanged(Form.CURRENT, 7, 2).replace(":v1\"", ":v2\""));
    assertThat(v2.schemaVersion()).isEqualTo(2);
    assertThat(CacheRefreshConsumer.evicts(v2)).isTrue();
  }
}
