-- Async projections: how far each has applied the log and the events it could not apply.

-- The daemon's high-water mark reasons about sequence numbers handed out before a point in time;
-- a per-session cache of sequence values would hand out lower numbers later, so it stays at 1.
alter sequence eventstore.event_seq cache 1;

-- Every append rewrites its stream's row (version, head hash); room on the page lets PostgreSQL
-- do that as a heap-only update, without touching the index.
alter table eventstore.streams set (fillfactor = 70);

create table eventstore.projection_progress (
    name                  text primary key,
    last_seq_id           bigint not null default 0,
    rebuilt_at            timestamptz,
    updated_at            timestamptz not null default now()
);

create table eventstore.dead_letters (
    id           bigserial primary key,
    projection   text not null,
    seq_id       bigint not null,
    event_id     uuid not null,
    stream_id    text not null,
    version      bigint not null,
    type         text not null,
    error        text not null,
    attempts     integer not null default 1,
    status       text not null default 'open' check (status in ('open', 'retried', 'skipped')),
    failed_at    timestamptz not null,
    resolved_at  timestamptz,
    resolved_by  text,
    constraint dead_letters_once unique (projection, seq_id)
);

grant select, insert, update on eventstore.projection_progress to ${app_role};
grant select, insert, update, delete on eventstore.dead_letters to ${app_role};
grant usage on sequence eventstore.dead_letters_id_seq to ${app_role};
