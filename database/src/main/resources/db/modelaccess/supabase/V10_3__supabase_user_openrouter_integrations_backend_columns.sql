-- model-access Supabase flavor V10.3: a user may read their own key row, delete it, and switch it on or off;
-- nothing else.
--
-- What: takes INSERT and UPDATE on `user_openrouter_integrations` back from `authenticated` and grants UPDATE on
-- the one column a user may set, is_enabled. The row policies of V10.1 still decide which rows (only one's own);
-- these privileges decide which columns. The insert policy of V10.1 stays but admits nothing now (no INSERT
-- privilege). `anon` has nothing (V10.1); `service_role` (the backend) keeps everything.
-- Why: everything else in the row is the backend's to produce: the encrypted key and the id of the key it is under
-- (encrypted_api_key, key_id), its hint (key_hint), and OpenRouter's verdict (is_valid, last_verified_at). Through the
-- Data API (PostgREST) a signed-in user could otherwise mark a revoked key valid, swap in a value of their own
-- making, or claim a verification that never happened. Storing a key goes through the application, which checks
-- it with OpenRouter and encrypts it.
--
-- A new migration rather than an edit of V10.1, which hosts may have applied (Flyway checksums). Optional, like the
-- whole Supabase flavor. Undone by db/modelaccess/supabase-rollback/U10_3__supabase_user_openrouter_integrations_backend_columns.sql.

-- Revoking the table-level privilege also revokes any column-level one; then grant the one column back.
revoke insert, update on table user_openrouter_integrations from authenticated;
grant update (is_enabled) on table user_openrouter_integrations to authenticated;

comment on policy user_openrouter_integrations_insert_own on user_openrouter_integrations is
    'Inert since flavor V10.3 (authenticated has no INSERT privilege): keys are stored by the backend only.';
comment on policy user_openrouter_integrations_update_own on user_openrouter_integrations is
    'A signed-in user may change only their own row, and since flavor V10.3 only its is_enabled column.';
