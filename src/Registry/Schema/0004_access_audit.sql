-- Every authentication decision and every refused access: who, what, when, from where, in which
-- conversation. Kept beside the log (failed sign-ins can be numerous; they are not business facts).
create table registry.access_audit (
    id              bigserial primary key,
    at              timestamptz not null,
    username        text,
    kind            text not null,
    method          text not null,
    path            text not null,
    status          integer not null,
    correlation_id  text,
    remote_address  text
);
create index access_audit_by_time on registry.access_audit (at desc);
create index access_audit_by_user on registry.access_audit (username, at desc);

grant select, insert on registry.access_audit to ${app_role};
grant usage on sequence registry.access_audit_id_seq to ${app_role};
