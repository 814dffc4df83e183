-- Test migration: a table, then a pause as long as public.migration_test_pause says, during which a test kills the
-- migrating connection.
create table second_table (id int primary key);
select pg_sleep(coalesce((select max(seconds) from public.migration_test_pause), 0));
