-- The host application's own first migration: its users' profiles, read by model-access for tier and default model.
create table profiles (
    id uuid primary key,
    tier text not null default 'free',
    default_model text
);
