-- The consumers' own tables, in their own schema: the application never reads them, and they
-- never read the application's.

-- The dedup store of the consumer kit: one row per (consumer, event) that was applied.
create table processed_events (
    consumer     varchar(50) not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index processed_events_age_idx on processed_events (processed_at);

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
