-- model-access U13: undoes V13__catalog_at_scale.sql - drops the console's list indexes and the two generated
-- columns they order by. The catalog's data stays. The pg_trgm extension stays too (other tables may use it; drop
-- it by hand with `drop extension pg_trgm` when nothing else does). Pasteable into a SQL editor; when the library's
-- Flyway history table is there, the V13 row is removed from it as well.

drop index if exists model_access_model_id_trgm_idx;
drop index if exists model_access_name_trgm_idx;
drop index if exists model_access_provider_modality_idx;
drop index if exists model_access_list_context_asc_idx;
drop index if exists model_access_list_context_desc_idx;
drop index if exists model_access_list_price_desc_idx;
drop index if exists model_access_list_price_asc_idx;
drop index if exists model_access_list_first_seen_asc_idx;
drop index if exists model_access_list_first_seen_desc_idx;
drop index if exists model_access_list_model_id_idx;

alter table if exists model_access
    drop column if exists prompt_price_rank,
    drop column if exists list_key;

do $$
begin
    if to_regclass('model_access_schema_history') is not null then
        delete from model_access_schema_history where version = '13';
    end if;
end;
$$;
