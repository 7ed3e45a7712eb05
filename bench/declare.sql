-- pgbench: the SQL one declare writes, as the app sends it (same tables, column lists,
-- RETURNING clauses and values), in one transaction. run.sh passes -D actor_id=<uuid> (the
-- configured acting person, created by the app) and runs pgbench -M extended, the protocol Npgsql
-- uses. The incident id is built from two random numbers so the three statements share it.
-- Left out on purpose: the SAVEPOINT / RELEASE SAVEPOINT and DISCARD ALL the app adds (see
-- docs/benchmarks.md); this is the work the database cannot avoid.
\set hi random(1, 4611686018427387903)
\set lo random(1, 4611686018427387903)
\set s random(1, 5)
\set n random(1, 99999)
BEGIN;
INSERT INTO incidents (review, id, closed_at, containment_started_at, created_at, declared_at, detected_at, dismissal_reason, dismissed_at, duplicate_of, impact_started_at, investigation_started_at, learnings_started_at, mitigated_at, no_corrective_actions_reason, phase, resolved_at, revision, services, severity, source, summary, title, updated_at)
VALUES (NULL, (lpad(to_hex(:hi::bigint), 16, '0') || lpad(to_hex(:lo::bigint), 16, '0'))::uuid, NULL, NULL, now(), now(), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'Identification', NULL, 1, ARRAY['webhooks', 'postgres'], (ARRAY['S1', 'S2', 'S3', 'S4', 'Unknown'])[:s::int], 'Monitoring', NULL, 'Elevated error rate in webhooks (bench ' || :n || ')', now())
RETURNING listed_at, number, severity_rank, xmin;
INSERT INTO severity_changes (id, changed_at, changed_by_id, changed_by_name, "from", incident_id, reason, "to")
VALUES (gen_random_uuid(), now(), :actor_id, 'Bench Runner', NULL, (lpad(to_hex(:hi::bigint), 16, '0') || lpad(to_hex(:lo::bigint), 16, '0'))::uuid, NULL, (ARRAY['S1', 'S2', 'S3', 'S4', 'Unknown'])[:s::int]);
INSERT INTO timeline_events (actor_id, actor_name, incident_id, kind, occurred_at, recorded_at, tag, text)
VALUES (:actor_id, 'Bench Runner', (lpad(to_hex(:hi::bigint), 16, '0') || lpad(to_hex(:lo::bigint), 16, '0'))::uuid, 'Declared', now(), now(), NULL, 'Declared "Elevated error rate in webhooks (bench ' || :n || ')" at S2 (high), identified through monitoring.')
RETURNING id;
COMMIT;
