-- The event log: streams, events with their per-stream hash chain, idempotency keys.
create schema if not exists eventstore;
create schema if not exists readmodels;

create table eventstore.streams (
    id          text primary key,
    type        text not null,
    version     bigint not null check (version >= 0),
    head_hash   bytea not null,
    tenant      text not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    archived    boolean not null default false
);

create sequence eventstore.event_seq as bigint;

create table eventstore.events (
    seq_id          bigint primary key,
    id              uuid not null,
    stream_id       text not null,
    version         bigint not null check (version > 0),
    type            text not null,
    data            jsonb not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null,
    tenant          text not null,
    user_name       text,
    correlation_id  text,
    causation_id    text,
    prev_hash       bytea not null,
    hash            bytea not null,
    constraint events_stream_version unique (stream_id, version),
    constraint events_id unique (id)
);

create index events_type on eventstore.events (type);

-- A command's idempotency key, written in the same transaction as the events it caused, so a
-- retry either finds the committed answer or waits for the first attempt to finish.
create table eventstore.idempotency_keys (
    key           text primary key,
    request_hash  bytea not null,
    result        text,
    created_at    timestamptz not null
);

-- The length-prefixed field encoding of the event hash (see EventHash.cs).
create function eventstore.hash_field(value text) returns bytea
    language sql immutable
as $$
    select case when value is null then '\xffffffff'::bytea
                else int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

-- The same hash as EventHash.Compute, so anyone with read access can check the chain with SQL alone.
create function eventstore.event_hash(
    prev_hash bytea, stream_id text, version bigint, type text, data jsonb,
    occurred_at timestamptz, recorded_at timestamptz, tenant text,
    user_name text, correlation_id text, causation_id text) returns bytea
    language sql stable
as $$
    select sha256(
        prev_hash
        || eventstore.hash_field(stream_id)
        || eventstore.hash_field(version::text)
        || eventstore.hash_field(type)
        || eventstore.hash_field(data::text)
        || eventstore.hash_field(to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || eventstore.hash_field(to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || eventstore.hash_field(tenant)
        || eventstore.hash_field(user_name)
        || eventstore.hash_field(correlation_id)
        || eventstore.hash_field(causation_id))
$$;

-- The application may add to the log but never change or remove what is in it.
grant usage on schema eventstore, readmodels to ${app_role};
grant select, insert on eventstore.events to ${app_role};
grant select, insert, update on eventstore.streams to ${app_role};
grant usage, select on sequence eventstore.event_seq to ${app_role};
grant select, insert, update, delete on eventstore.idempotency_keys to ${app_role};
