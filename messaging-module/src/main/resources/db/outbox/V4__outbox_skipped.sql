-- Rows an operator gave up on (docs/outbox.md, "Stuck rows"): a row the broker refuses for good
-- (a record larger than the topic accepts, say) would otherwise be retried forever and hold back
-- every later version of its aggregate. A skip marks the row done for the queue (published_at set,
-- so the claim's and the sweeper's older-version rule let the next version go) and says so in
-- skipped_at; it is never sent. The record below keeps who skipped it, when and why, and the event
-- itself, after the pruner deleted the outbox row.
alter table outbox add column skipped_at timestamptz;

create table outbox_skipped (
    event_id          uuid         primary key,
    event_type        varchar(100) not null,
    aggregate_type    varchar(50)  not null,
    aggregate_id      varchar(100) not null,
    aggregate_version bigint       not null,
    topic             varchar(200) not null,
    payload           text         not null,
    created_at        timestamptz  not null,
    attempts          integer      not null,
    last_error        text,
    skipped_by        text         not null,
    skipped_at        timestamptz  not null default now(),
    reason            text         not null check (length(btrim(reason)) > 0)
);
