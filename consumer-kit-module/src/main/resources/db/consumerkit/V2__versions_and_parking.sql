-- The consumer kit's version guard: the newest aggregate version each consumer has applied. An
-- effect runs only when its event's version is newer (docs/architecture.md §5.4: older never
-- overwrites newer).
create table consumer_versions (
    consumer       varchar(50)  not null,
    aggregate_type varchar(50)  not null,
    aggregate_id   varchar(100) not null,
    version        bigint       not null,
    updated_at     timestamptz  not null default now(),
    primary key (consumer, aggregate_type, aggregate_id)
);

-- Messages parked per (consumer, record key): the dead-lettered head and every later message of
-- the same key, waiting behind it in arrival order (seq) until an operator replays or discards.
create table parked_messages (
    seq           bigserial    primary key,
    consumer      varchar(50)  not null,
    record_key    varchar(200) not null,
    event_id      uuid,
    topic         varchar(200) not null,
    partition_no  int          not null,
    record_offset bigint       not null,
    payload       text         not null,
    dead_lettered boolean      not null,
    error         text,
    parked_at     timestamptz  not null default now()
);
-- a redelivered duplicate of a parked event is not parked twice
create unique index parked_messages_event_uq on parked_messages (consumer, event_id);
create index parked_messages_key_idx on parked_messages (consumer, record_key, seq);
