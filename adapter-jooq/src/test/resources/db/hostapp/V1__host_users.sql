-- A host application's own first migration, for ModelAccessSchemaTest.
create table host_users (id uuid primary key, email text not null);
