using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <summary>
    /// Insights at scale (docs/design.md, "Insights"): per-incident facts and month and day rollups kept current by
    /// statement triggers on incidents, corrective actions and services; no entity of the model maps them, they are
    /// read with SQL. Existing incidents are counted in.
    /// </summary>
    public partial class InsightRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- Durations to buckets: the lower bound (seconds) of the bucket a duration falls in (InsightBuckets in the app).
                CREATE FUNCTION insight_bucket(seconds float8) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT (CASE
                        WHEN seconds < 600 THEN floor(greatest(seconds, 0) / 30) * 30
                        WHEN seconds < 1800 THEN floor(seconds / 60) * 60
                        WHEN seconds < 3600 THEN floor(seconds / 120) * 120
                        WHEN seconds < 7200 THEN floor(seconds / 300) * 300
                        WHEN seconds < 14400 THEN floor(seconds / 600) * 600
                        WHEN seconds < 86400 THEN floor(seconds / 1200) * 1200
                        WHEN seconds < 604800 THEN floor(seconds / 7200) * 7200
                        WHEN seconds < 2592000 THEN floor(seconds / 43200) * 43200
                        WHEN seconds < 7776000 THEN floor(seconds / 172800) * 172800
                        ELSE 7776000 END)::int
                $$;

                -- One row per declared incident: what the insights count of it, as last added to the rollups (so that a change
                -- takes away exactly what was added, whatever the catalogue says since).
                CREATE TABLE insight_facts (
                    incident_id uuid PRIMARY KEY REFERENCES incidents (id) DEFERRABLE INITIALLY DEFERRED,
                    declared_at timestamptz NOT NULL,
                    severity text,
                    source text,
                    services text[] NOT NULL,
                    teams text[] NOT NULL,
                    dismissed boolean NOT NULL,
                    duplicate boolean NOT NULL,
                    reopened boolean NOT NULL,
                    ttd float8,
                    ttm float8,
                    ttr float8);
                CREATE INDEX ix_insight_facts_declared_at ON insight_facts (declared_at);

                -- Month rollup: per month, filter key a and grouping key b, the counts (measures 0-6, bucket 0) and the durations
                -- (7-9: detect, mitigate, resolve) by bucket with their sum. Changes append rows (+1 / -1, never updated in place,
                -- so concurrent writers never wait on each other); insight_compact folds them.
                CREATE TABLE insight_months (
                    month date NOT NULL,
                    a text NOT NULL,
                    b text NOT NULL,
                    measure smallint NOT NULL,
                    bucket int NOT NULL,
                    n int NOT NULL,
                    total float8 NOT NULL,
                    fresh boolean NOT NULL DEFAULT TRUE);
                CREATE INDEX ix_insight_months_a_month ON insight_months (a, month) INCLUDE (b, measure, bucket, n, total);
                CREATE UNIQUE INDEX ux_insight_months_folded ON insight_months (a, month, b, measure, bucket) WHERE NOT fresh;

                -- Day rollup: per day and filter key a, incidents declared by service (measure 20) and corrective actions by kind
                -- (30 opened, 31 done, 32 done on time, 33 open, with its due date and the day it was opened).
                CREATE TABLE insight_days (
                    day date NOT NULL,
                    a text NOT NULL,
                    key text NOT NULL,
                    measure smallint NOT NULL,
                    due date,
                    opened date,
                    n int NOT NULL,
                    fresh boolean NOT NULL DEFAULT TRUE);
                CREATE INDEX ix_insight_days_a_day ON insight_days (a, day) INCLUDE (key, measure, due, opened, n);
                CREATE UNIQUE INDEX ux_insight_days_folded ON insight_days (a, day, key, measure, due, opened) NULLS NOT DISTINCT WHERE NOT fresh;

                -- The facts of one incident; times run from the impact's start as the incident page counts them: detection defaults
                -- to the declaration, the impact's start to the detection.
                CREATE FUNCTION insight_fact(i incidents, reopened boolean) RETURNS insight_facts LANGUAGE sql STABLE AS $$
                    SELECT ROW(i.id, i.declared_at, i.severity, i.source, i.services,
                        ARRAY(SELECT DISTINCT lower(s.owner_team) FROM services AS s
                              WHERE s.slug = ANY (i.services) AND s.owner_team IS NOT NULL ORDER BY 1),
                        i.phase = 'Dismissed', i.duplicate_of IS NOT NULL, reopened,
                        extract(epoch FROM coalesce(i.detected_at, i.declared_at) - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        extract(epoch FROM i.mitigated_at - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        extract(epoch FROM i.resolved_at - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8)::insight_facts
                $$;

                -- The filter keys an incident answers to: '' (no filter), its severity, source, services and owning teams.
                CREATE FUNCTION insight_filter_keys(f insight_facts) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT ARRAY['', 'severity:' || coalesce(f.severity, 'None'), 'source:' || coalesce(f.source, 'None')]
                        || ARRAY(SELECT DISTINCT 'service:' || s FROM unnest(f.services) AS s)
                        || ARRAY(SELECT 'team:' || t FROM unnest(f.teams) AS t)
                $$;

                -- What one incident adds to the month rollup, for every filter key (or only_a) and grouping key.
                CREATE FUNCTION insight_contributions(f insight_facts, only_a text DEFAULT NULL)
                RETURNS TABLE (a text, b text, measure smallint, bucket int, n int, total float8)
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT ka.k, kb.k, m.measure, m.bucket, 1, m.total
                    FROM unnest(insight_filter_keys(f)) AS ka(k)
                    CROSS JOIN unnest(ARRAY['', 'severity:' || coalesce(f.severity, 'None'), 'source:' || coalesce(f.source, 'None')]
                        || ARRAY(SELECT DISTINCT 'service:' || s FROM unnest(f.services) AS s)) AS kb(k)
                    CROSS JOIN (VALUES
                        (0::smallint, 0, 0::float8, TRUE),
                        (1::smallint, 0, 0::float8, f.dismissed),
                        (2::smallint, 0, 0::float8, f.duplicate),
                        (3::smallint, 0, 0::float8, f.source = 'Monitoring'),
                        (4::smallint, 0, 0::float8, f.source IS NOT NULL),
                        (5::smallint, 0, 0::float8, f.reopened),
                        (6::smallint, 0, 0::float8, f.ttm <= 1800),
                        (7::smallint, insight_bucket(f.ttd), f.ttd, f.ttd IS NOT NULL),
                        (8::smallint, insight_bucket(f.ttm), f.ttm, f.ttm IS NOT NULL),
                        (9::smallint, insight_bucket(f.ttr), f.ttr, f.ttr IS NOT NULL)) AS m(measure, bucket, total, counted)
                    WHERE m.counted AND (only_a IS NULL OR ka.k = only_a)
                        AND NOT (ka.k LIKE 'severity:%' AND kb.k LIKE 'severity:%') AND NOT (ka.k LIKE 'source:%' AND kb.k LIKE 'source:%')
                $$;

                -- What one corrective action adds to the day rollup, counted on the day its incident was declared.
                CREATE FUNCTION insight_action_contributions(f insight_facts, c corrective_actions)
                RETURNS TABLE (day date, a text, key text, measure smallint, due date, opened date, n int)
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT (f.declared_at AT TIME ZONE 'UTC')::date, ka.k, c.kind, m.measure, m.due, m.opened, 1
                    FROM unnest(insight_filter_keys(f)) AS ka(k)
                    CROSS JOIN (VALUES
                        (30::smallint, NULL::date, NULL::date, TRUE),
                        (31::smallint, NULL, NULL, c.status = 'Done'),
                        (32::smallint, NULL, NULL, c.status = 'Done' AND (c.completed_at AT TIME ZONE 'UTC')::date <= c.due_date),
                        (33::smallint, c.due_date, (c.created_at AT TIME ZONE 'UTC')::date, c.status IN ('Open', 'InProgress'))
                    ) AS m(measure, due, opened, counted)
                    WHERE m.counted
                $$;

                -- What one incident and its corrective actions add to the day rollup: its declaration by service, and the actions.
                CREATE FUNCTION insight_day_contributions(f insight_facts)
                RETURNS TABLE (day date, a text, key text, measure smallint, due date, opened date, n int)
                LANGUAGE sql STABLE AS $$
                    SELECT (f.declared_at AT TIME ZONE 'UTC')::date, ka.k, s.slug, 20::smallint, NULL::date, NULL::date, 1
                    FROM unnest(insight_filter_keys(f)) AS ka(k) CROSS JOIN (SELECT DISTINCT slug FROM unnest(f.services) AS slug) AS s
                    UNION ALL
                    SELECT x.* FROM corrective_actions AS c CROSS JOIN LATERAL insight_action_contributions(f, c) AS x
                    WHERE c.incident_id = f.incident_id
                $$;

                -- Brings the facts and the rollups of these incidents up to date: takes away what their old facts added and adds
                -- what their facts add now. reopened: the incidents this change reopened (it sticks).
                -- Answers the months whose figures changed (YYYY-MM-DD, comma-separated), or null.
                CREATE FUNCTION insight_refresh(ids uuid[], reopened uuid[] DEFAULT '{}') RETURNS text LANGUAGE sql AS $$
                    WITH computed AS (
                        SELECT insight_fact(i, coalesce(o.reopened, FALSE) OR i.id = ANY (insight_refresh.reopened)) AS f
                        FROM unnest(ids) AS t(id) JOIN incidents AS i ON i.id = t.id
                        LEFT JOIN insight_facts AS o ON o.incident_id = i.id
                        WHERE i.declared_at IS NOT NULL
                    ), old AS (
                        SELECT o AS f FROM unnest(ids) AS t(id) JOIN insight_facts AS o ON o.incident_id = t.id
                    ), changes AS (
                        SELECT o.f, -1 AS sign, c.f IS NOT NULL AS kept
                        FROM old AS o LEFT JOIN computed AS c ON (c.f).incident_id = (o.f).incident_id
                        WHERE c.f IS NULL OR c.f IS DISTINCT FROM o.f
                        UNION ALL
                        SELECT c.f, 1, TRUE FROM computed AS c LEFT JOIN old AS o ON (o.f).incident_id = (c.f).incident_id
                        WHERE o.f IS NULL OR c.f IS DISTINCT FROM o.f
                    ), removed AS (
                        DELETE FROM insight_facts AS o USING changes AS x
                        WHERE x.sign = -1 AND NOT x.kept AND o.incident_id = (x.f).incident_id
                    ), saved AS (
                        INSERT INTO insight_facts SELECT (x.f).* FROM changes AS x WHERE x.sign = 1
                        ON CONFLICT (incident_id) DO UPDATE SET (declared_at, severity, source, services, teams, dismissed, duplicate,
                            reopened, ttd, ttm, ttr) = (excluded.declared_at, excluded.severity, excluded.source, excluded.services,
                            excluded.teams, excluded.dismissed, excluded.duplicate, excluded.reopened, excluded.ttd, excluded.ttm, excluded.ttr)
                    ), days AS (
                        INSERT INTO insight_days (day, a, key, measure, due, opened, n)
                        SELECT c.day, c.a, c.key, c.measure, c.due, c.opened, sum(x.sign * c.n)
                        FROM changes AS x CROSS JOIN LATERAL insight_day_contributions(x.f) AS c
                        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.sign * c.n) <> 0
                    ), months AS (
                        INSERT INTO insight_months (month, a, b, measure, bucket, n, total)
                        SELECT date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC')::date, c.a, c.b, c.measure, c.bucket,
                               sum(x.sign * c.n), sum(x.sign * c.total)
                        FROM changes AS x CROSS JOIN LATERAL insight_contributions(x.f) AS c
                        GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.sign * c.n) <> 0 OR sum(x.sign * c.total) <> 0
                    )
                    SELECT string_agg(DISTINCT to_char(date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), ',')
                    FROM changes AS x
                $$;

                CREATE FUNCTION insight_incidents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    ids uuid[];
                    reopened uuid[] := '{}';
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        ids := ARRAY(SELECT id FROM new_rows WHERE declared_at IS NOT NULL);
                    ELSIF TG_OP = 'DELETE' THEN
                        ids := ARRAY(SELECT id FROM old_rows WHERE declared_at IS NOT NULL);
                    ELSE
                        ids := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                            WHERE (n.declared_at, n.severity, n.source, n.services, n.phase, n.duplicate_of, n.detected_at,
                                   n.impact_started_at, n.mitigated_at, n.resolved_at)
                               IS DISTINCT FROM (o.declared_at, o.severity, o.source, o.services, o.phase, o.duplicate_of,
                                   o.detected_at, o.impact_started_at, o.mitigated_at, o.resolved_at));
                        -- A closed incident leaves Closed only by being reopened.
                        reopened := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                            WHERE o.phase = 'Closed' AND n.phase <> 'Closed');
                    END IF;
                    IF cardinality(ids) > 0 THEN
                        PERFORM pg_notify('insight_months', months) FROM insight_refresh(ids, reopened) AS months WHERE months IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER insight_incidents_inserted AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_incidents_changed();
                CREATE TRIGGER insight_incidents_updated AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_incidents_changed();
                CREATE TRIGGER insight_incidents_deleted AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_incidents_changed();

                CREATE FUNCTION insight_actions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO insight_days (day, a, key, measure, due, opened, n)
                        SELECT c.day, c.a, c.key, c.measure, c.due, c.opened, -1
                        FROM old_rows AS r JOIN insight_facts AS f ON f.incident_id = r.incident_id
                        CROSS JOIN LATERAL insight_action_contributions(f, r) AS c;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO insight_days (day, a, key, measure, due, opened, n)
                        SELECT c.day, c.a, c.key, c.measure, c.due, c.opened, 1
                        FROM new_rows AS r JOIN insight_facts AS f ON f.incident_id = r.incident_id
                        CROSS JOIN LATERAL insight_action_contributions(f, r) AS c;
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER insight_actions_inserted AFTER INSERT ON corrective_actions REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_actions_changed();
                CREATE TRIGGER insight_actions_updated AFTER UPDATE ON corrective_actions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_actions_changed();
                CREATE TRIGGER insight_actions_deleted AFTER DELETE ON corrective_actions REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_actions_changed();

                -- A service's owning team counts in the facts of the incidents naming it.
                CREATE FUNCTION insight_services_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    slugs text[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        slugs := ARRAY(SELECT slug FROM new_rows WHERE owner_team IS NOT NULL);
                    ELSIF TG_OP = 'DELETE' THEN
                        slugs := ARRAY(SELECT slug FROM old_rows WHERE owner_team IS NOT NULL);
                    ELSE
                        slugs := ARRAY(SELECT unnest(ARRAY[o.slug, n.slug]) FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                                       WHERE (o.slug, lower(o.owner_team)) IS DISTINCT FROM (n.slug, lower(n.owner_team)));
                    END IF;
                    IF cardinality(slugs) > 0 THEN
                        PERFORM pg_notify('insight_months', months)
                        FROM insight_refresh(ARRAY(SELECT id FROM incidents WHERE declared_at IS NOT NULL AND services && slugs)) AS months
                        WHERE months IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER insight_services_inserted AFTER INSERT ON services REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_services_changed();
                CREATE TRIGGER insight_services_updated AFTER UPDATE ON services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_services_changed();
                CREATE TRIGGER insight_services_deleted AFTER DELETE ON services REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION insight_services_changed();

                -- Folds the rows appended since the last call into one row per key; a second caller at the same time returns at once.
                CREATE FUNCTION insight_compact() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT pg_try_advisory_xact_lock(hashtext('insight_compact')) THEN
                        RETURN;
                    END IF;
                    WITH appended AS (
                        DELETE FROM insight_months WHERE fresh RETURNING month, a, b, measure, bucket, n, total
                    )
                    INSERT INTO insight_months AS m (month, a, b, measure, bucket, n, total, fresh)
                    SELECT month, a, b, measure, bucket, sum(n), sum(total), FALSE FROM appended GROUP BY 1, 2, 3, 4, 5
                    ON CONFLICT (a, month, b, measure, bucket) WHERE NOT fresh
                    DO UPDATE SET n = m.n + excluded.n, total = m.total + excluded.total;
                    WITH appended AS (
                        DELETE FROM insight_days WHERE fresh RETURNING day, a, key, measure, due, opened, n
                    )
                    INSERT INTO insight_days AS d (day, a, key, measure, due, opened, n, fresh)
                    SELECT day, a, key, measure, due, opened, sum(n), FALSE FROM appended GROUP BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (a, day, key, measure, due, opened) WHERE NOT fresh DO UPDATE SET n = d.n + excluded.n;
                END
                $$;

                -- What is there already: the facts and rollups of every declared incident (reopenings read from the timeline).
                SELECT insight_refresh(
                    ARRAY(SELECT id FROM incidents WHERE declared_at IS NOT NULL),
                    ARRAY(SELECT DISTINCT incident_id FROM timeline_events WHERE kind = 'PhaseChanged' AND text LIKE 'Reopened into %'));
                SELECT insight_compact();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER insight_incidents_inserted ON incidents;
                DROP TRIGGER insight_incidents_updated ON incidents;
                DROP TRIGGER insight_incidents_deleted ON incidents;
                DROP TRIGGER insight_actions_inserted ON corrective_actions;
                DROP TRIGGER insight_actions_updated ON corrective_actions;
                DROP TRIGGER insight_actions_deleted ON corrective_actions;
                DROP TRIGGER insight_services_inserted ON services;
                DROP TRIGGER insight_services_updated ON services;
                DROP TRIGGER insight_services_deleted ON services;
                DROP FUNCTION insight_incidents_changed(), insight_actions_changed(), insight_services_changed(),
                    insight_compact(), insight_refresh(uuid[], uuid[]), insight_day_contributions(insight_facts),
                    insight_action_contributions(insight_facts, corrective_actions),
                    insight_contributions(insight_facts, text), insight_filter_keys(insight_facts),
                    insight_fact(incidents, boolean), insight_bucket(float8);
                DROP TABLE insight_days, insight_months, insight_facts;
                """);
        }
    }
}
