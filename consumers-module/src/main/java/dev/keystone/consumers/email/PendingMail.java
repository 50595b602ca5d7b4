package dev.keystone.consumers.email;

import dev.keystone.platform.tracing.TraceContext;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One outbox row due for sending, with the recipient from the customers projection.
 *
 * @param email null while the customer is not known yet
 * @param trace the trace context of the processing span that queued it
 */
public record PendingMail(
    UUID eventId,
    String kind,
    String orderId,
    String customerId,
    BigDecimal total,
    String currency,
    int attempts,
    String email,
    String name,
    TraceContext trace) {

  /** The Message-ID of this mail: derived from the event id, the same on every attempt. */
  public String messageId() {
    return "<" + eventId + "@keystone>";
  }
}
