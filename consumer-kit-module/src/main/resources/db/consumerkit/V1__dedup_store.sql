-- The consumer kit's tables live in the consuming application's schema, with their own Flyway
-- history (flyway_consumerkit_history).

-- The dedup store of the consumer kit: one row per (consumer, event) that was applied.
create table processed_events (
    consumer     varchar(50) not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index processed_events_age_idx on processed_events (processed_at);
