package dev.keystone.consumers.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.EventSamples;
import dev.keystone.consumers.EventSamples.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The email consumer reads addresses and orders from the current form, the form published before
 * versions were stated, and a form with fields it does not know (docs/events.md).
 */
class EmailReadingTest {

  private final EmailEffect effect = new EmailEffect();

  @ParameterizedTest
  @EnumSource(Form.class)
  void readsACustomerRegisteredInEveryForm(Form form) {
    var event = ReceivedEvent.parse(EventSamples.customerRegistered(form, 11));
    assertThat(event.type()).isEqualTo("dev.keystone.customer.registered");
    assertThat(effect.readsSchemaVersion(event.type(), event.schemaVersion())).isTrue();

    assertThat(CustomerAddress.of(event.data()))
        .isEqualTo(new CustomerAddress("Ada Lovelace", "ada11@example.org"));
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void readsOrderPlacedAndCancelledInEveryForm(Form form) {
    for (var json :
        new String[] {EventSamples.orderPlaced(form, 5), EventSamples.orderCancelled(form, 5)}) {
      var event = ReceivedEvent.parse(json);
      assertThat(effect.readsSchemaVersion(event.type(), event.schemaVersion())).isTrue();

      var order = OrderFacts.of(event.data());

      assertThat(order.customerId()).isEqualTo("11");
      assertThat(order.total()).isEqualByComparingTo("25.99");
      assertThat(order.currency()).isEqualTo("EUR");
    }
  }

  @Test
  void aLaterSchemaVersionIsNotRead() {
    assertThat(effect.readsSchemaVersion("dev.keystone.order.placed", 2)).isFalse();
  }
}
