using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <summary>
    /// Insights by root-cause category (docs/design.md, "Insights"): each incident's facts keep the category its review
    /// names, and the month rollup gains a grouping by it (cause:Config change), so that incidents sharing a category are
    /// counted like those sharing a severity. Reviews already written are counted in. And the rollups' rows appended since
    /// the last fold are indexed, for the fold.
    /// </summary>
    public partial class InsightRootCauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The fold once a minute looks for the rows appended since the last: without these it read the whole rollup
                -- (1.5-1.8 s a minute at a million incidents).
                CREATE INDEX ix_insight_months_fresh ON insight_months (month) WHERE fresh;
                CREATE INDEX ix_insight_days_fresh ON insight_days (day) WHERE fresh;

                ALTER TABLE insight_facts ADD COLUMN root_cause text;

                CREATE OR REPLACE FUNCTION insight_fact(i incidents, reopened boolean) RETURNS insight_facts LANGUAGE sql STABLE AS $$
                    SELECT ROW(i.id, i.declared_at, i.severity, i.source, i.services,
                        ARRAY(SELECT DISTINCT lower(s.owner_team) FROM services AS s
                              WHERE s.slug = ANY (i.services) AND s.owner_team IS NOT NULL ORDER BY 1),
                        i.phase = 'Dismissed', i.duplicate_of IS NOT NULL, reopened,
                        extract(epoch FROM coalesce(i.detected_at, i.declared_at) - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        extract(epoch FROM i.mitigated_at - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        extract(epoch FROM i.resolved_at - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        nullif(i.review ->> 'RootCauseCategory', ''))::insight_facts
                $$;

                -- The grouping keys of one incident: none, its severity, source, services and its review's root-cause category.
                CREATE FUNCTION insight_grouping_keys(f insight_facts) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT ARRAY['', 'severity:' || coalesce(f.severity, 'None'), 'source:' || coalesce(f.source, 'None')]
                        || ARRAY(SELECT DISTINCT 'service:' || s FROM unnest(f.services) AS s)
                        || CASE WHEN f.root_cause IS NULL THEN '{}'::text[] ELSE ARRAY['cause:' || f.root_cause] END
                $$;

                CREATE OR REPLACE FUNCTION insight_contributions(f insight_facts, only_a text DEFAULT NULL)
                RETURNS TABLE (a text, b text, measure smallint, bucket int, n int, total float8)
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT ka.k, kb.k, m.measure, m.bucket, 1, m.total
                    FROM unnest(insight_filter_keys(f)) AS ka(k)
                    CROSS JOIN unnest(insight_grouping_keys(f)) AS kb(k)
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

                CREATE OR REPLACE FUNCTION insight_incidents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
                                   n.impact_started_at, n.mitigated_at, n.resolved_at, n.review ->> 'RootCauseCategory')
                               IS DISTINCT FROM (o.declared_at, o.severity, o.source, o.services, o.phase, o.duplicate_of,
                                   o.detected_at, o.impact_started_at, o.mitigated_at, o.resolved_at, o.review ->> 'RootCauseCategory'));
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

                CREATE OR REPLACE FUNCTION insight_refresh(ids uuid[], reopened uuid[] DEFAULT '{}') RETURNS text LANGUAGE sql AS $$
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
                            reopened, ttd, ttm, ttr, root_cause) = (excluded.declared_at, excluded.severity, excluded.source,
                            excluded.services, excluded.teams, excluded.dismissed, excluded.duplicate, excluded.reopened, excluded.ttd,
                            excluded.ttm, excluded.ttr, excluded.root_cause)
                    ), days AS (
                        INSERT INTO insight_days (day, a, key, measure, due, opened, n)
                        SELECT c.day, c.a, c.key, c.measure, c.due, c.opened, sum(x.sign * c.n)
                        FROM changes AS x CROSS JOIN LATERAL insight_day_contributions(x.f) AS c
                        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.sign * c.n) <> 0
                    ), months AS (
                        INSERT INTO insight_months (month, block, a, b, measure, bucket, n, total)
                        SELECT date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC')::date, insight_block((x.f).declared_at),
                               c.a, c.b, c.measure, c.bucket, sum(x.sign * c.n), sum(x.sign * c.total)
                        FROM changes AS x CROSS JOIN LATERAL insight_contributions(x.f) AS c
                        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.sign * c.n) <> 0 OR sum(x.sign * c.total) <> 0
                    )
                    SELECT string_agg(DISTINCT to_char(date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), ',')
                    FROM changes AS x
                $$;

                -- The reviews already written: their category in the facts, and what it adds to the rollup.
                UPDATE insight_facts AS f SET root_cause = nullif(i.review ->> 'RootCauseCategory', '')
                FROM incidents AS i WHERE i.id = f.incident_id AND nullif(i.review ->> 'RootCauseCategory', '') IS NOT NULL;
                INSERT INTO insight_months (month, block, a, b, measure, bucket, n, total)
                SELECT date_trunc('month', f.declared_at AT TIME ZONE 'UTC')::date, insight_block(f.declared_at),
                       c.a, c.b, c.measure, c.bucket, sum(c.n), sum(c.total)
                FROM insight_facts AS f CROSS JOIN LATERAL insight_contributions(f) AS c
                WHERE f.root_cause IS NOT NULL AND c.b LIKE 'cause:%'
                GROUP BY 1, 2, 3, 4, 5, 6;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_insight_months_fresh;
                DROP INDEX ix_insight_days_fresh;
                DELETE FROM insight_months WHERE b LIKE 'cause:%';

                CREATE OR REPLACE FUNCTION insight_incidents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
                        reopened := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                            WHERE o.phase = 'Closed' AND n.phase <> 'Closed');
                    END IF;
                    IF cardinality(ids) > 0 THEN
                        PERFORM pg_notify('insight_months', months) FROM insight_refresh(ids, reopened) AS months WHERE months IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE OR REPLACE FUNCTION insight_contributions(f insight_facts, only_a text DEFAULT NULL)
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

                DROP FUNCTION insight_grouping_keys(insight_facts);
                ALTER TABLE insight_facts DROP COLUMN root_cause;

                CREATE OR REPLACE FUNCTION insight_refresh(ids uuid[], reopened uuid[] DEFAULT '{}') RETURNS text LANGUAGE sql AS $$
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
                        INSERT INTO insight_months (month, block, a, b, measure, bucket, n, total)
                        SELECT date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC')::date, insight_block((x.f).declared_at),
                               c.a, c.b, c.measure, c.bucket, sum(x.sign * c.n), sum(x.sign * c.total)
                        FROM changes AS x CROSS JOIN LATERAL insight_contributions(x.f) AS c
                        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.sign * c.n) <> 0 OR sum(x.sign * c.total) <> 0
                    )
                    SELECT string_agg(DISTINCT to_char(date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), ',')
                    FROM changes AS x
                $$;


                CREATE OR REPLACE FUNCTION insight_fact(i incidents, reopened boolean) RETURNS insight_facts LANGUAGE sql STABLE AS $$
                    SELECT ROW(i.id, i.declared_at, i.severity, i.source, i.services,
                        ARRAY(SELECT DISTINCT lower(s.owner_team) FROM services AS s
                              WHERE s.slug = ANY (i.services) AND s.owner_team IS NOT NULL ORDER BY 1),
                        i.phase = 'Dismissed', i.duplicate_of IS NOT NULL, reopened,
                        extract(epoch FROM coalesce(i.detected_at, i.declared_at) - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        extract(epoch FROM i.mitigated_at - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8,
                        extract(epoch FROM i.resolved_at - coalesce(i.impact_started_at, i.detected_at, i.declared_at))::float8)::insight_facts
                $$;
                """);
        }
    }
}
