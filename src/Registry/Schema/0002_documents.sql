-- Issued documents: the exact bytes of every document the registry issued, found again by id or
-- by their SHA-256 (the authenticity check). The event that issues a document carries the hash.
create table registry.document_files (
    document_id   uuid primary key,
    sha256        bytea not null unique,
    content_type  text not null,
    file_name     text not null,
    bytes         bytea not null,
    created_at    timestamptz not null
);

grant select, insert on registry.document_files to ${app_role};
