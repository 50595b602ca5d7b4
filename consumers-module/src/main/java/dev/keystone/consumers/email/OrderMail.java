package dev.keystone.consumers.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;

/**
 * The mail for one outbox row. Jakarta Mail would give every attempt a fresh Message-ID; this one
 * keeps {@link PendingMail#messageId()}, so a resend after a crash carries the same id and the
 * receiving side can recognise it as the same message.
 */
final class OrderMail extends MimeMessage {

  private final String messageId;

  /** The header that carries the trace id of the send (docs/tracing.md). */
  static final String TRACE_HEADER = "X-Keystone-Trace-Id";

  OrderMail(Session session, PendingMail mail, String from, String traceId)
      throws MessagingException {
    super(session);
    if (traceId != null && !traceId.chars().allMatch(c -> c == '0')) {
      setHeader(TRACE_HEADER, traceId);
    }
    this.messageId = mail.messageId();
    setFrom(new InternetAddress(from));
    setRecipient(RecipientType.TO, new InternetAddress(mail.email()));
    var placed = "placed".equals(mail.kind());
    setSubject(
        placed
            ? "Your Keystone order " + mail.orderId() + " is confirmed"
            : "Your Keystone order " + mail.orderId() + " was cancelled",
        StandardCharsets.UTF_8.name());
    setText(
        "Hello "
            + mail.name()
            + ",\n\n"
            + (placed ? "thank you for your order " : "your order ")
            + mail.orderId()
            + (placed ? " of " : " was cancelled; we will refund ")
            + mail.total().toPlainString()
            + " "
            + mail.currency()
            + ".\n\nKeystone\n",
        StandardCharsets.UTF_8.name());
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
