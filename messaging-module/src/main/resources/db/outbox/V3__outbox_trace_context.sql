-- The W3C trace context of the request that wrote the row (docs/tracing.md): sent with the record
-- as Kafka headers and CloudEvents extensions, so that every consumer's work joins that request's
-- trace, whether the relay or the sweeper publishes it. Null when the writer was not traced.
alter table outbox add column traceparent varchar(55);
alter table outbox add column tracestate varchar(512);
