-- Indexes the planner cannot misread. The relay's claim asks, for each row it takes, whether an
-- older version of the row's aggregate is still unpublished. PostgreSQL's statistics say the
-- unpublished rows are few (true: a busy outbox holds only its rows in flight), so both partial
-- indexes of V2 looked empty to the planner, and it answered that question by reading one of them
-- whole, dead entries of every row published since the last vacuum included: ~200 buffers per
-- claim under load, as much PostgreSQL time as the row's insert.
--
-- Now the version question goes to an index of every row, whose statistics are real: an index
-- probe ("the nearest older version of this aggregate: is it published?"). The created_at index
-- also requires created_at to be non-null (always true: the column is NOT NULL), which the
-- per-aggregate lookups do not say, so they cannot pick it; the sweeper's and the backlog's
-- created_at conditions imply it.
drop index outbox_unpublished_aggregate_idx;
create index outbox_aggregate_idx on outbox (aggregate_type, aggregate_id, aggregate_version);
drop index outbox_unpublished_idx;
create index outbox_unpublished_idx on outbox (created_at)
    where published_at is null and created_at is not null;
