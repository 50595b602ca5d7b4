-- The email consumer's own projection of customers, built from CustomerRegistered alone.
create table email_customers (
    customer_id varchar(100) primary key,
    name        varchar(200) not null,
    email       varchar(320) not null,
    version     bigint       not null
);

-- The email outbox: one row per mail to send, keyed by the event that caused it, written in the
-- consumer's transaction. The sender delivers it with Message-ID <event_id@keystone>.
create table email_outbox (
    event_id        uuid         primary key,
    kind            varchar(20)  not null,
    order_id        varchar(100) not null,
    customer_id     varchar(100) not null,
    total           numeric(19, 2) not null,
    currency        varchar(3)   not null,
    status          varchar(10)  not null default 'pending',
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      text,
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'pending';
