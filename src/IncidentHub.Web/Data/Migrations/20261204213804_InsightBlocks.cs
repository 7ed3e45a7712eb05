using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <summary>
    /// Insights at scale, second step (docs/design.md, "Insights"): the month rollup is kept by block of days inside the
    /// month (1-8, 9-16, 17-24, 25 to the end), so that a period cutting a month reads whole blocks and at most a few days
    /// incident by incident; and changes to corrective actions name their months too, so that instances may keep the day
    /// rollup in memory as they keep the months. The rollup is counted again from the incidents' facts.
    /// </summary>
    public partial class InsightBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The block of its month a moment falls in: 0 for days 1-8, 1 for 9-16, 2 for 17-24, 3 from the 25th (UTC).
                CREATE FUNCTION insight_block(at timestamptz) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT least((extract(day FROM at AT TIME ZONE 'UTC')::int - 1) / 8, 3)::smallint
                $$;

                DROP INDEX ux_insight_months_folded;
                DROP INDEX ix_insight_months_a_month;
                TRUNCATE insight_months;
                ALTER TABLE insight_months ADD COLUMN block smallint NOT NULL;
                CREATE INDEX ix_insight_months_a_month ON insight_months (a, month) INCLUDE (block, b, measure, bucket, n, total);
                CREATE UNIQUE INDEX ux_insight_months_folded ON insight_months (a, month, block, b, measure, bucket) WHERE NOT fresh;

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

                CREATE OR REPLACE FUNCTION insight_actions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    months text;
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO insight_days (day, a, key, measure, due, opened, n)
                        SELECT c.day, c.a, c.key, c.measure, c.due, c.opened, -1
                        FROM old_rows AS r JOIN insight_facts AS f ON f.incident_id = r.incident_id
                        CROSS JOIN LATERAL insight_action_contributions(f, r) AS c;
                        SELECT string_agg(DISTINCT to_char(date_trunc('month', f.declared_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), ',')
                        INTO months FROM old_rows AS r JOIN insight_facts AS f ON f.incident_id = r.incident_id;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO insight_days (day, a, key, measure, due, opened, n)
                        SELECT c.day, c.a, c.key, c.measure, c.due, c.opened, 1
                        FROM new_rows AS r JOIN insight_facts AS f ON f.incident_id = r.incident_id
                        CROSS JOIN LATERAL insight_action_contributions(f, r) AS c;
                        SELECT concat_ws(',', months, string_agg(DISTINCT to_char(date_trunc('month', f.declared_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), ','))
                        INTO months FROM new_rows AS r JOIN insight_facts AS f ON f.incident_id = r.incident_id;
                    END IF;
                    -- Instances keep the day rollup of a month in memory: tell them which months changed.
                    IF coalesce(months, '') <> '' THEN
                        PERFORM pg_notify('insight_months', months);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE OR REPLACE FUNCTION insight_compact() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT pg_try_advisory_xact_lock(hashtext('insight_compact')) THEN
                        RETURN;
                    END IF;
                    WITH appended AS (
                        DELETE FROM insight_months WHERE fresh RETURNING month, block, a, b, measure, bucket, n, total
                    )
                    INSERT INTO insight_months AS m (month, block, a, b, measure, bucket, n, total, fresh)
                    SELECT month, block, a, b, measure, bucket, sum(n), sum(total), FALSE FROM appended GROUP BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (a, month, block, b, measure, bucket) WHERE NOT fresh
                    DO UPDATE SET n = m.n + excluded.n, total = m.total + excluded.total;
                    WITH appended AS (
                        DELETE FROM insight_days WHERE fresh RETURNING day, a, key, measure, due, opened, n
                    )
                    INSERT INTO insight_days AS d (day, a, key, measure, due, opened, n, fresh)
                    SELECT day, a, key, measure, due, opened, sum(n), FALSE FROM appended GROUP BY 1, 2, 3, 4, 5, 6
                    ON CONFLICT (a, day, key, measure, due, opened) WHERE NOT fresh DO UPDATE SET n = d.n + excluded.n;
                END
                $$;

                -- Counted again, by block, from what the facts say each incident adds.
                INSERT INTO insight_months (month, block, a, b, measure, bucket, n, total, fresh)
                SELECT date_trunc('month', f.declared_at AT TIME ZONE 'UTC')::date, insight_block(f.declared_at),
                       c.a, c.b, c.measure, c.bucket, sum(c.n), sum(c.total), FALSE
                FROM insight_facts AS f CROSS JOIN LATERAL insight_contributions(f) AS c
                GROUP BY 1, 2, 3, 4, 5, 6;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ux_insight_months_folded;
                DROP INDEX ix_insight_months_a_month;
                SELECT insight_compact();
                CREATE TEMP TABLE insight_months_by_month ON COMMIT DROP AS
                SELECT month, a, b, measure, bucket, sum(n)::int AS n, sum(total) AS total FROM insight_months GROUP BY 1, 2, 3, 4, 5;
                TRUNCATE insight_months;
                ALTER TABLE insight_months DROP COLUMN block;
                INSERT INTO insight_months (month, a, b, measure, bucket, n, total, fresh)
                SELECT month, a, b, measure, bucket, n, total, FALSE FROM insight_months_by_month;
                CREATE INDEX ix_insight_months_a_month ON insight_months (a, month) INCLUDE (b, measure, bucket, n, total);
                CREATE UNIQUE INDEX ux_insight_months_folded ON insight_months (a, month, b, measure, bucket) WHERE NOT fresh;

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
                        INSERT INTO insight_months (month, a, b, measure, bucket, n, total)
                        SELECT date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC')::date, c.a, c.b, c.measure, c.bucket,
                               sum(x.sign * c.n), sum(x.sign * c.total)
                        FROM changes AS x CROSS JOIN LATERAL insight_contributions(x.f) AS c
                        GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.sign * c.n) <> 0 OR sum(x.sign * c.total) <> 0
                    )
                    SELECT string_agg(DISTINCT to_char(date_trunc('month', (x.f).declared_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), ',')
                    FROM changes AS x
                $$;

                CREATE OR REPLACE FUNCTION insight_actions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE OR REPLACE FUNCTION insight_compact() RETURNS void LANGUAGE plpgsql AS $$
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

                DROP FUNCTION insight_block(timestamptz);
                """);
        }
    }
}
