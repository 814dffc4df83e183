-- The web host's own users: its tier and default model columns, read by model-access's UserProfiles port.
create table profiles (
    id uuid primary key,
    tier text not null default 'free' check (tier in ('free', 'pro', 'enterprise')),
    default_model text
);
