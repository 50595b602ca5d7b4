-- The analytics consumer's tables. Revenue and units are booked on the day the order was placed;
-- a cancellation reverses the order's lines on that same day, so a day's figures are the fold of
-- the orders placed that day and not cancelled.
create table analytics_daily_sales (
    day        date           not null,
    product_id bigint         not null,
    sku        varchar(100)   not null,
    currency   varchar(3)     not null,
    units      bigint         not null,
    revenue    numeric(19, 2) not null,
    primary key (day, product_id, currency)
);
create index analytics_daily_sales_product_idx on analytics_daily_sales (product_id, day);

-- The lines of each placed order, kept so that a cancellation (which carries no lines) can
-- reverse exactly what the placement booked.
create table analytics_orders (
    order_id   varchar(100) primary key,
    day        date         not null,
    currency   varchar(3)   not null,
    lines      text         not null,
    cancelled  boolean      not null default false
);
