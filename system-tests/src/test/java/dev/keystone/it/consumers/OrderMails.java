package dev.keystone.it.consumers;

import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One customer's order mails seen by two observers outside the email consumer: what the whole
 * {@code keystone.order} topic, read by a plain consumer, calls for (one mail per placement and per
 * cancellation, Message-ID {@code <event-id@keystone>}), and what the SMTP server's mailbox for the
 * customer's address received, counted by Message-ID as a multiset (a mail sent twice counts 2).
 */
final class OrderMails {

  private static final Set<String> MAILED =
      Set.of("dev.keystone.order.placed", "dev.keystone.order.cancelled");

  private OrderMails() {}

  /** Message-IDs of the mail-worthy events on the order topic for {@code customer}. */
  static Set<String> calledFor(long customer) {
    var ids = new TreeSet<String>();
    for (var r : Topics.readToEnd("keystone.order", Duration.ofSeconds(60))) {
      try (var reader = Json.createReader(new StringReader(r.value()))) {
        var envelope = reader.readObject();
        if (MAILED.contains(envelope.getString("type", ""))
            && envelope.get("data") instanceof JsonObject data
            && data.getJsonNumber("customerId").longValue() == customer) {
          ids.add("<" + envelope.getString("id") + "@keystone>");
        }
      } catch (RuntimeException e) {
        // a poison record another test injected: no mail of this customer's
      }
    }
    return ids;
  }

  /** Message-ID → how many mails with it the SMTP server received for {@code email}. */
  static Map<String, Integer> received(String email) {
    var received = new TreeMap<String, Integer>();
    for (var mail : Mailbox.of(email)) {
      received.merge(String.valueOf(mail.messageId()), 1, Integer::sum);
    }
    return received;
  }

  /** Each of {@code ids} exactly once. */
  static Map<String, Integer> once(Set<String> ids) {
    var once = new TreeMap<String, Integer>();
    ids.forEach(id -> once.put(id, 1));
    return once;
  }
}
