-- A host application's own second migration, for ModelAccessSchemaTest.
create table host_orders (id bigint primary key, user_id uuid not null references host_users (id));
