package dev.keystone.consumers.email;

import dev.keystone.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers one due outbox row per transaction. The row is locked ({@code FOR UPDATE SKIP LOCKED})
 * from before the send until it is marked sent, so two senders (two servers) never send the same
 * row; once marked sent it is never picked again, so one event is mailed once.
 *
 * <p><b>The at-least-once edge:</b> if the server dies after the SMTP server accepted the mail and
 * before the mark commits, the row is still pending and is sent again. The resend carries the same
 * Message-ID ({@code <event-id@keystone>}), which is how a mail system (or a person) recognises it
 * as the same message. Exactly-once delivery to an external system is impossible; this narrows the
 * window to one SMTP round trip.
 */
@ApplicationScoped
public class EmailOutbox {

  private static final Logger LOG = Logger.getLogger(EmailOutbox.class.getName());

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Resource(lookup = "mail/keystone")
  Session session;

  @jakarta.inject.Inject MailSpans spans;

  @jakarta.inject.Inject MailMetrics metrics;

  @jakarta.inject.Inject
  @ConfigProperty(name = "keystone.email.from", defaultValue = "orders@keystone.dev")
  String from;

  /**
   * Sends the most overdue pending row, if any: marks it sent, or schedules a retry with backoff
   * when the send fails or the customer's address is not known yet.
   *
   * @return false when nothing was due
   */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean sendNext() {
    try {
      var due = nextDue();
      if (due.isEmpty()) {
        return false;
      }
      var mail = due.get();
      if (mail.email() == null) {
        retryLater(mail, "customer " + mail.customerId() + " not known yet");
        return true;
      }
      var span = spans.smtpSend(mail);
      try (var scope = span.makeCurrent()) {
        Transport.send(new OrderMail(session, mail, from, span.getSpanContext().getTraceId()));
      } catch (MessagingException e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR);
        LOG.warning(() -> "Could not send mail " + mail.messageId() + ", will retry: " + e);
        retryLater(mail, e.toString());
        metrics.failed();
        return true;
      } finally {
        span.end();
      }
      markSent(mail.eventId());
      metrics.sent();
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not work the email outbox", e);
    }
  }

  private Optional<PendingMail> nextDue() throws SQLException {
    var sql =
        "select o.event_id, o.kind, o.order_id, o.customer_id, o.total, o.currency, o.attempts,"
            + " c.email, c.name, o.traceparent, o.tracestate from consumers.email_outbox o left join consumers.email_customers c"
            + " on c.customer_id = o.customer_id where o.status = 'pending'"
            + " and o.next_attempt_at <= now() order by o.next_attempt_at limit 1"
            + " for update of o skip locked";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql);
        var rs = s.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new PendingMail(
              rs.getObject(1, UUID.class),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getBigDecimal(5),
              rs.getString(6),
              rs.getInt(7),
              rs.getString(8),
              rs.getString(9),
              new TraceContext(rs.getString(10), rs.getString(11))));
    }
  }

  /** Backoff 1, 2, 4 … 60 s: a pending mail is retried for as long as it takes, never dropped. */
  private void retryLater(PendingMail mail, String error) throws SQLException {
    long delaySeconds = Math.min(60, 1L << Math.min(mail.attempts(), 6));
    var sql =
        "update consumers.email_outbox set attempts = attempts + 1, last_error = ?,"
            + " next_attempt_at = now() + ? * interval '1 second' where event_id = ?";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
      s.setLong(2, delaySeconds);
      s.setObject(3, mail.eventId());
      s.executeUpdate();
    }
  }

  private void markSent(UUID eventId) throws SQLException {
    var sql =
        "update consumers.email_outbox set status = 'sent', sent_at = now(),"
            + " attempts = attempts + 1 where event_id = ?";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setObject(1, eventId);
      s.executeUpdate();
    }
  }
}
