-- Example app U2: undoes V2__drop_legacy_allowed_models.sql as far as it can - V2 is a one-way upgrade: the
-- allowed_models lists it dropped, and a function that did nothing but fill them, are gone for good (model-access
-- decides which models a user may use now). This only removes V2's row from the example app's Flyway history, so
-- that V2 runs again (harmlessly) on the next start. Run it after U3 and before U1. Pasteable into a SQL editor.

do $$
begin
    if to_regclass('example_app_schema_history') is not null then
        delete from example_app_schema_history where version = '2';
    end if;
end;
$$;
