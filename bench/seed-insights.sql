-- Adds to a database seeded by seed-catalogue.sql and seed.sql what the insights read besides incidents
-- (bench/insights.sh runs it). Set-based, one transaction:
--   corrective actions for a third of the incidents past Recovery (kinds in turn; due two weeks after the
--   declaration; older than 60 days: 85 % Done, 8 % Won't do, the rest still open; newer: half open);
--   one closed incident in a hundred reopened once (and closed again), with its timeline entry; then the insight
--   rollups folded (what the app does every minute) and their statistics gathered.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

BEGIN;

INSERT INTO corrective_actions (id, incident_id, title, kind, status, wont_do_reason, due_date, created_at, updated_at, completed_at)
SELECT gen_random_uuid(), i.id, 'Follow-up of INC-' || i.number,
       (ARRAY['Prevention', 'Detection', 'Mitigation', 'Resolution', 'Preparation'])[1 + i.number % 5],
       a.status, CASE WHEN a.status = 'WontDo' THEN 'Superseded by a platform change.' END,
       (i.declared_at + interval '14 days')::date, i.resolved_at, coalesce(a.completed_at, i.resolved_at), a.completed_at
FROM incidents AS i
CROSS JOIN LATERAL (SELECT random() AS r) AS d
CROSS JOIN LATERAL (SELECT
    CASE WHEN i.declared_at < now() - interval '60 days'
         THEN CASE WHEN d.r < 0.85 THEN 'Done' WHEN d.r < 0.93 THEN 'WontDo' WHEN d.r < 0.97 THEN 'InProgress' ELSE 'Open' END
         ELSE CASE WHEN d.r < 0.5 THEN 'Done' WHEN d.r < 0.75 THEN 'InProgress' ELSE 'Open' END END AS status) AS s
CROSS JOIN LATERAL (SELECT s.status,
    CASE WHEN s.status IN ('Done', 'WontDo') THEN least(now(), i.resolved_at + d.r * interval '30 days') END AS completed_at) AS a
WHERE i.resolved_at IS NOT NULL AND i.number % 3 = 0;

UPDATE incidents SET phase = 'Investigation' WHERE phase = 'Closed' AND number % 100 = 7;
UPDATE incidents SET phase = 'Closed' WHERE phase = 'Investigation' AND closed_at IS NOT NULL AND number % 100 = 7;

INSERT INTO timeline_events (incident_id, kind, occurred_at, recorded_at, actor_id, actor_name, text)
SELECT i.id, 'PhaseChanged', i.closed_at - interval '1 hour', i.closed_at - interval '1 hour', p.id, p.display_name,
       'Reopened into Investigation. Reason: the errors came back after the fix.'
FROM incidents AS i JOIN people AS p ON p.email = 'responder1@example.com'
WHERE i.phase = 'Closed' AND i.number % 100 = 7;

COMMIT;

-- The rollups exist from the InsightRollups migration on; before it there is nothing to fold. The app folds every
-- minute too: holding the lock keeps it waiting rather than folding the same rows at the same time.
SELECT pg_advisory_lock(hashtext('insight_compact'));
DO $$ BEGIN IF to_regproc('insight_compact') IS NOT NULL THEN PERFORM insight_compact(); END IF; END $$;
SELECT pg_advisory_unlock(hashtext('insight_compact'));

