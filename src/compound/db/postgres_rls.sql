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
--
-- What a member may not do, whatever SQL they type:
--
-- * Act as anyone else. A member is the role they logged in as (session_user), not
--   the role they have switched to: every member may SET ROLE to the group role, and
--   a policy reading current_user would then let them add a profile named after the
--   group, or after any other role they belong to.
-- * Choose ids. The ids come from 64-bit identity columns (schema 0003), which need
--   no privilege on their sequences; the sequences are granted to no one, so no
--   member can call nextval() or setval() to use the ids up, and members insert and
--   update every column but the id, so none can take the ids still to come either
--   (which would make everyone's next check-ins collide with them).
-- * Link their rows to another member's: a reading log names only the member's own
--   book. A foreign key check sees every row, so without this a member's insert
--   would succeed for another member's book and fail for a missing one, telling the
--   two apart.
-- * Store controls or bidi overrides in any text: CHECK constraints (schema 0003).
-- * Stall everyone for ever by holding a lock: compound waits for a lock only as long
--   as its lock_timeout setting says, then refuses in one line.

CREATE OR REPLACE FUNCTION compound_share(member_role name, report_role name)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    owned record;
    written text;
    changed text;
    -- The profile ids the connected member may use: their own profile, by login name.
    mine constant text :=
        'profile_id IN (SELECT id FROM profile WHERE name = session_user)';
    -- A reading log's book, when it names one, is one of the member's own.
    own_book constant text :=
        'book_id IS NULL OR book_id IN (SELECT id FROM book WHERE ' || mine || ')';
BEGIN
    -- Identity columns first: until the owner's compound has upgraded the schema, the
    -- ids come from sequences the members could no longer use.
    PERFORM 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'NO'
      AND (table_name = 'profile'
           OR table_name IN (SELECT table_name FROM information_schema.columns
                             WHERE table_schema = current_schema()
                               AND column_name = 'profile_id'));
    IF FOUND THEN
        RAISE EXCEPTION 'run any compound command as the owner first: it upgrades the '
                        'schema this version of compound_share expects';
    END IF;

    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I',
                   current_schema(), member_role, report_role);
    -- Every compound opens by reading the schema revision (migrations stay with the
    -- owner: a member's compound only checks that the schema is current).
    EXECUTE format('GRANT SELECT ON alembic_version TO %I, %I', member_role, report_role);
    -- No sequence for anyone (earlier versions of this script granted them).
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I, %I',
                   current_schema(), member_role, report_role);

    -- Profiles: everyone reads the list (compound finds a profile's id by its name);
    -- a member may add only the profile named after their own login role.
    ALTER TABLE profile ENABLE ROW LEVEL SECURITY;
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON profile FROM %I', member_role);
    EXECUTE format('GRANT SELECT, INSERT (name, created_at) ON profile TO %I', member_role);
    EXECUTE format('GRANT SELECT ON profile TO %I', report_role);
    DROP POLICY IF EXISTS compound_read ON profile;
    DROP POLICY IF EXISTS compound_add_own ON profile;
    EXECUTE format('CREATE POLICY compound_read ON profile FOR SELECT TO %I, %I USING (true)',
                   member_role, report_role);
    EXECUTE format('CREATE POLICY compound_add_own ON profile FOR INSERT TO %I '
                   'WITH CHECK (name = session_user)', member_role);

    -- Records: a member sees and writes only their profile's; the report reads all.
    FOR owned IN
        SELECT c.table_name,
               bool_or(c.column_name = 'book_id') AS names_a_book
        FROM information_schema.columns c
        JOIN information_schema.tables t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.table_name IN (SELECT table_name FROM information_schema.columns
                               WHERE table_schema = current_schema()
                                 AND column_name = 'profile_id')
        GROUP BY c.table_name
    LOOP
        -- Every column but the id may be written; a row keeps its profile.
        SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
          INTO written
          FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = owned.table_name
           AND column_name <> 'id';
        SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
          INTO changed
          FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = owned.table_name
           AND column_name NOT IN ('id', 'profile_id');

        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', owned.table_name);
        EXECUTE format('REVOKE INSERT, UPDATE ON %I FROM %I', owned.table_name, member_role);
        EXECUTE format('GRANT SELECT, DELETE ON %I TO %I', owned.table_name, member_role);
        EXECUTE format('GRANT INSERT (%s), UPDATE (%s) ON %I TO %I',
                       written, changed, owned.table_name, member_role);
        EXECUTE format('GRANT SELECT ON %I TO %I', owned.table_name, report_role);
        EXECUTE format('DROP POLICY IF EXISTS compound_own_rows ON %I', owned.table_name);
        EXECUTE format('DROP POLICY IF EXISTS compound_report ON %I', owned.table_name);
        EXECUTE format('CREATE POLICY compound_own_rows ON %I TO %I USING (%s) '
                       'WITH CHECK (%s AND (%s))',
                       owned.table_name, member_role, mine, mine,
                       CASE WHEN owned.names_a_book THEN own_book ELSE 'true' END);
        EXECUTE format('CREATE POLICY compound_report ON %I FOR SELECT TO %I USING (true)',
                       owned.table_name, report_role);
    END LOOP;
END
$$;

-- Only the owner sets the policies up (it runs with its caller's rights, so no one
-- else could anyway).
REVOKE ALL ON FUNCTION compound_share(name, name) FROM PUBLIC;
