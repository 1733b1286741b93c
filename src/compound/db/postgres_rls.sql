-- compound on a shared PostgreSQL database: row-level security.
--
-- Each member connects as their own database role and keeps their records in the
-- profile named exactly like that role. Members may read and change only their own
-- profile's rows; a reporting role reads every profile's rows and changes nothing.
--
-- Run it as the owner of compound's tables (the role compound created them as),
-- after compound has created them, in the database compound uses:
--
--   psql "$DATABASE" -f postgres_rls.sql \
--        -c "SELECT compound_share('compound_member', 'compound_report')"
--
-- compound_share(member_role, report_role) applies the policies to every table of
-- the current schema that has a profile_id column, and is safe to run again: do so
-- after upgrading compound, so that tables a new version adds are covered too.
-- member_role is best a group role (NOLOGIN) that every member's login role is
-- granted; report_role is the role the team report logs in as. The table owner
-- (and any superuser) is not bound by these policies: keep that role for setting up
-- and upgrading the schema, not for daily use.

CREATE OR REPLACE FUNCTION compound_share(member_role name, report_role name)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    owned record;
    -- The profile ids the connected role may use: its own profile, by name.
    mine constant text := 'profile_id IN (SELECT id FROM profile WHERE name = current_user)';
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I',
                   current_schema(), member_role, report_role);
    -- Every compound opens by reading the schema revision (migrations stay with the
    -- owner: a member's compound only checks that the schema is current).
    EXECUTE format('GRANT SELECT ON alembic_version TO %I, %I', member_role, report_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I',
                   current_schema(), member_role);

    -- Profiles: everyone reads the list (compound finds a profile's id by its name);
    -- a member may add only the profile named after their own role.
    ALTER TABLE profile ENABLE ROW LEVEL SECURITY;
    EXECUTE format('GRANT SELECT, INSERT ON profile TO %I', member_role);
    EXECUTE format('GRANT SELECT ON profile TO %I', report_role);
    DROP POLICY IF EXISTS compound_read ON profile;
    DROP POLICY IF EXISTS compound_add_own ON profile;
    EXECUTE format('CREATE POLICY compound_read ON profile FOR SELECT TO %I, %I USING (true)',
                   member_role, report_role);
    EXECUTE format('CREATE POLICY compound_add_own ON profile FOR INSERT TO %I '
                   'WITH CHECK (name = current_user)', member_role);

    -- Records: a member sees and writes only their profile's; the report reads all.
    FOR owned IN
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'profile_id'
          AND t.table_type = 'BASE TABLE'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', owned.table_name);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I',
                       owned.table_name, member_role);
        EXECUTE format('GRANT SELECT ON %I TO %I', owned.table_name, report_role);
        EXECUTE format('DROP POLICY IF EXISTS compound_own_rows ON %I', owned.table_name);
        EXECUTE format('DROP POLICY IF EXISTS compound_report ON %I', owned.table_name);
        EXECUTE format('CREATE POLICY compound_own_rows ON %I TO %I USING (%s) WITH CHECK (%s)',
                       owned.table_name, member_role, mine, mine);
        EXECUTE format('CREATE POLICY compound_report ON %I FOR SELECT TO %I USING (true)',
                       owned.table_name, report_role);
    END LOOP;
END
$$;
