-- The registry's own tables beside the event log: credentials, login throttling, data-protection keys.
create schema if not exists registry;

-- Password hashes live here, never in the log, so they can be changed and purged.
create table registry.credentials (
    username       text primary key,
    password_hash  text not null,
    updated_at     timestamptz not null
);

create table registry.login_failures (
    id        bigserial primary key,
    username  text not null,
    at        timestamptz not null
);
create index login_failures_by_user on registry.login_failures (username, at);

-- Keys that protect bearer tokens and cookies, shared by every registry node.
create table registry.data_protection_keys (
    id             bigserial primary key,
    friendly_name  text not null unique,
    xml            text not null,
    created_at     timestamptz not null default now()
);

grant usage on schema registry to ${app_role};
grant select, insert, update on registry.credentials to ${app_role};
grant select, insert, delete on registry.login_failures to ${app_role};
grant select, insert on registry.data_protection_keys to ${app_role};
grant usage on sequence registry.login_failures_id_seq, registry.data_protection_keys_id_seq to ${app_role};
