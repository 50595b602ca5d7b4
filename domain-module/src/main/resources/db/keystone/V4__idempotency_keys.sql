-- Idempotency-Key records for POST /api/products and POST /api/orders. The primary key makes one
-- request the owner of a key: a concurrent request with the same key waits on the owner's
-- uncommitted row and then replays what the owner recorded. Rows expire and are pruned.
create table idempotency_keys (
    scope           varchar(100) not null,
    idem_key        varchar(255) not null,
    request_hash    char(64)     not null,
    response_status integer,
    response_location varchar(500),
    response_etag   varchar(100),
    response_body   text,
    created_at      timestamptz  not null default now(),
    expires_at      timestamptz  not null,
    primary key (scope, idem_key)
);

create index idempotency_keys_expiry_idx on idempotency_keys (expires_at);
