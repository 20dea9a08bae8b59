-- TOTP secrets of users who enrolled a second factor (RFC 6238). Like password hashes they live
-- beside the log, never in it; the secret is encrypted with the data-protection keys, and
-- last_step is the newest time step already used, so each code is accepted once.
create table registry.second_factors (
    username      text primary key,
    secret        bytea not null,
    confirmed_at  timestamptz,
    last_step     bigint not null default 0,
    created_at    timestamptz not null
);

grant select, insert, update on registry.second_factors to ${app_role};
