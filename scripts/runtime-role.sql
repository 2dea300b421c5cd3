-- The role the registry runs as on a PostgreSQL server, once migrations have run as the database owner:
--   psql "$OWNER_URL" -v role=registry_app -f scripts/runtime-role.sql
-- It may read, insert and update (the triggers still limit updates to projection columns), but it holds no
-- DELETE or TRUNCATE on any table, no DDL, and cannot disable triggers: published records stay as written
-- even if the registry's own credentials leak. Set its password with ALTER ROLE ... PASSWORD.
select format('create role %I login nosuperuser nocreatedb nocreaterole', :'role')
  where not exists (select 1 from pg_roles where rolname = :'role') \gexec
grant usage on schema public, pgboss, rate_limit to :"role";
grant select, insert, update on all tables in schema public to :"role";
grant usage, select on all sequences in schema public to :"role";
revoke delete, truncate on all tables in schema public from :"role";
-- the job queue and the rate-limit counters are working state, not records: they may be cleaned
grant select, insert, update, delete on all tables in schema pgboss, rate_limit to :"role";
grant usage, select on all sequences in schema pgboss to :"role";
