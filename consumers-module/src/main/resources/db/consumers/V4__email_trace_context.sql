-- The trace context of the email consumer's processing span that queued the mail (docs/tracing.md):
-- the later SMTP send is a span of that trace, and the mail carries its trace id.
alter table consumers.email_outbox add column traceparent varchar(55);
alter table consumers.email_outbox add column tracestate varchar(512);
