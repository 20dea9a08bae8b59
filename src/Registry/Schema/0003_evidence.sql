-- Evidence files of monthly data (invoices, meter photos, lab reports): the bytes live here, beside
-- the log; the event that attaches a file records its SHA-256, so a file changed here no longer
-- matches the log. Rows are written in the same transaction as that event and never changed.
create table registry.evidence_files (
    evidence_id    uuid primary key,
    enterprise_id  uuid not null,
    data_year      int not null,
    month          int not null check (month between 1 and 12),
    sha256         text not null,
    content_type   text not null,
    file_name      text not null,
    size_bytes     bigint not null,
    bytes          bytea not null,
    attached_at    timestamptz not null
);
create index evidence_files_by_month on registry.evidence_files (enterprise_id, data_year, month);

grant select, insert on registry.evidence_files to ${app_role};
