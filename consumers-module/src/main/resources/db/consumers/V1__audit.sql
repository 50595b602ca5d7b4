-- The consumers' own tables, in their own schema: the application never reads them, and they
-- never read the application's.

-- The audit log: every event, append-only.
create table audit_log (
    event_id          uuid         primary key,
    event_type        varchar(100) not null,
    aggregate_type    varchar(50)  not null,
    aggregate_id      varchar(100) not null,
    aggregate_version bigint       not null,
    correlation_id    varchar(200),
    occurred_at       timestamptz  not null,
    payload           text         not null,
    recorded_at       timestamptz  not null default now()
);
create index audit_log_aggregate_idx on audit_log (aggregate_id, aggregate_version);

-- The audit log is append-only in the schema too: a row is never updated or deleted (a rebuild
-- from the log TRUNCATEs the table, which row triggers do not see).
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consumers.audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only();
