-- pgbench: the SQL that ingesting one new alert of an open group writes, in one transaction: the incident's revision
-- (and its row lock, which serializes the alerts of one group as in the app), the alert with its labels and
-- annotations as jsonb, and its timeline entry. alerts.sh passes -D source_id=<uuid> and -D first=/last= (the
-- numbers of the incidents the burst opened), so the rows land in the same tables and indexes as the app's.
-- Left out on purpose: the reads (source, open alerts, group incident) and the advisory locks of a delivery; this is
-- the work the database cannot avoid.
\set n random(:first, :last)
\set hi random(1, 4611686018427387903)
\set i random(1, 99999)
BEGIN;
UPDATE incidents SET revision = revision + 1, updated_at = now() WHERE number = :n RETURNING id AS incident_id \gset
INSERT INTO alerts (id, source_id, fingerprint, group_key, status, title, description, severity, service, labels,
  annotations, links, starts_at, ends_at, first_received_at, last_received_at, times_received, acknowledged_at,
  acknowledged_by, resolved_at, incident_id, opened_incident, repeat_noted)
VALUES (gen_random_uuid(), :source_id, 'pgbench' || :hi, 'pgbench-group-' || :n, 'Firing',
  'PgbenchAlert on host-' || :i || '.example.com:9100', 'Error rate above 5 % for 5 minutes.', 'S2', 'service-1',
  jsonb_build_object('alertname', 'PgbenchAlert', 'service', 'service-1', 'instance', 'host-' || :i || '.example.com:9100',
    'job', 'node', 'severity', 'high'),
  jsonb_build_object('summary', 'PgbenchAlert on host-' || :i || '.example.com:9100',
    'description', 'Error rate above 5 % for 5 minutes.', 'runbook_url', 'https://runbooks.example.com/PgbenchAlert'),
  '[{"Href": "http://prometheus.example.com:9090/graph?g0.expr=rate%28errors%5B5m%5D%29+%3E+0.05", "Text": "Source"}, {"Href": "https://runbooks.example.com/PgbenchAlert", "Text": "Runbook"}, {"Href": "http://alertmanager.example.com:9093", "Text": "Alertmanager"}]',
  now() - interval '2 minutes', NULL, now(), now(), 1, NULL, NULL, NULL, :incident_id, false, false);
INSERT INTO timeline_events (actor_id, actor_name, incident_id, kind, occurred_at, recorded_at, tag, text)
VALUES (NULL, 'Bench burst (alert source)', :incident_id, 'Alert', now() - interval '2 minutes', now(), NULL,
  'Alert PgbenchAlert on host-' || :i || '.example.com:9100 fired and joined this incident (group {alertname="PgbenchAlert", service="service-1"}).');
COMMIT;
