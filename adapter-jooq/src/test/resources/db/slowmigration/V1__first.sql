-- Test migration: a table that must not outlive a failed run.
create table first_table (id int primary key);
