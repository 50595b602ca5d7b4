package dev.keystone.consumers.email;

import dev.keystone.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The SMTP send's span (docs/tracing.md): a child of the email consumer's processing span that
 * queued the mail, whose context the email outbox row keeps; the mail sender's periodic round
 * itself is not traced. A row queued without a trace gets a trace of its own.
 */
@ApplicationScoped
public class MailSpans {

  @Inject Tracing tracing;

  Span smtpSend(PendingMail mail) {
    var builder =
        tracing
            .tracer("dev.keystone.consumers.email")
            .spanBuilder("smtp send")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("keystone.mail.message-id", mail.messageId())
            .setAttribute("keystone.mail.kind", mail.kind())
            .setAttribute("keystone.mail.attempt", mail.attempts() + 1L)
            .setAttribute("keystone.order.id", mail.orderId());
    builder.setParent(mail.trace().present() ? mail.trace().asParent() : Context.root());
    return builder.startSpan();
  }
}
