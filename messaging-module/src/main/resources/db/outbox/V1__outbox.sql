-- The transactional outbox: one row per domain event, written in the transaction of the state
-- change, so an event exists if and only if its change committed. The relay marks a row published
-- when the broker acknowledged it; the sweeper sends what the relay could not.
create table outbox (
    event_id          uuid         primary key,
    event_type        varchar(100) not null,
    aggregate_type    varchar(50)  not null,
    aggregate_id      varchar(100) not null,
    aggregate_version bigint       not null,
    topic             varchar(200) not null,
    payload           text         not null,
    correlation_id    varchar(200),
    created_at        timestamptz  not null default now(),
    published_at      timestamptz,
    attempts          integer      not null default 0,
    last_error        text,
    next_attempt_at   timestamptz
);

-- The sweeper's and the relay's questions are all about unpublished rows: keep that index small.
create index outbox_unpublished_idx on outbox (created_at) where published_at is null;
create index outbox_unpublished_aggregate_idx
    on outbox (aggregate_type, aggregate_id, aggregate_version) where published_at is null;
create index outbox_published_idx on outbox (published_at) where published_at is not null;
