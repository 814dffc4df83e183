-- A host migration that references the library's table: only possible because the library migrates first.
create table favourite_models (
    user_id uuid not null references profiles (id) on delete cascade,
    model_access_id uuid not null references model_access (id) on delete cascade,
    primary key (user_id, model_access_id)
);
