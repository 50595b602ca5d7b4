-- Rebuilds of a consumer from the log (docs/consumers.md, "Rebuilding a consumer"): who asked,
-- when, and how far it got. A row in state requested or running is the consumer's closed gate on
-- every server that shares this schema: their live deliveries are held, not applied, until it is
-- done.
create table consumer_rebuilds (
    id                bigserial    primary key,
    consumer          varchar(50)  not null,
    state             varchar(10)  not null default 'requested',
    requested_by      varchar(200) not null,
    requested_at      timestamptz  not null default now(),
    suppress_external boolean      not null default false,
    runner            varchar(200),
    heartbeat_at      timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    read_records      bigint       not null default 0,
    remaining         bigint,
    error             text,
    constraint consumer_rebuilds_state_ck check (state in ('requested', 'running', 'done'))
);
-- at most one rebuild of a consumer at a time
create unique index consumer_rebuilds_active_uq on consumer_rebuilds (consumer)
    where state in ('requested', 'running');
create index consumer_rebuilds_consumer_idx on consumer_rebuilds (consumer, id);

-- Live deliveries held while their consumer's rebuild runs, in arrival order (seq); the rebuild
-- applies them after its re-read, deduplicated, then opens the gate.
create table held_messages (
    seq           bigserial    primary key,
    consumer      varchar(50)  not null,
    record_key    varchar(200) not null,
    event_id      uuid,
    topic         varchar(200) not null,
    partition_no  int          not null,
    record_offset bigint       not null,
    payload       text         not null,
    held_at       timestamptz  not null default now()
);
create index held_messages_consumer_idx on held_messages (consumer, seq);
