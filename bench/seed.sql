-- Seeds a benchmark database whose schema the app's migrations created.
-- Set-based (generate_series), one transaction. Variables (psql -v):
--   incidents  number of incidents (run.sh: 100000)
--   events     timeline events per incident (run.sh: 10)
--
-- Shape, roughly what three years of use would leave:
--   declared times spread evenly over the last 3 years, numbers from incident_number_seq in
--   declared order; phase follows age (last day: open phases and a few drafts; last two
--   weeks: Recovery / Learnings / Closed; older: Closed, 8 % Dismissed), milestones filled up
--   to the phase; severity S1 4 %, S2 12 %, S3 40 %, S4 34 %, Unknown 10 %; source mostly
--   Monitoring; 1-3 of 30 services; one severity change per incident with a severity (a
--   second one, from Unknown, for 20 %); role assignments as the exit rules require them
--   (Engineer On Call once past Identification, Incident Manager for S1/S2 and 40 % of the
--   rest, Communications Manager for S1/S2, 5 % hand-overs); `events` timeline events each.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '256MB';
SET synchronous_commit = off;  -- this session only: seeding, not measured

BEGIN;

-- UUIDv7 from a time, as the app makes them (Guid.CreateVersion7), so keys keep time order.
CREATE FUNCTION pg_temp.uuid7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0')
        || '7' || substr(md5(random()::text), 1, 3)
        || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid
$$;

INSERT INTO people (id, display_name, email, active, created_at)
SELECT pg_temp.uuid7(now() - interval '4 years'), 'Responder ' || g, 'responder' || g || '@example.com', TRUE, now() - interval '4 years'
FROM generate_series(1, 40) AS g;

CREATE TEMP TABLE responders ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY email) AS k, id, display_name FROM people WHERE email LIKE 'responder%@example.com';

-- One row of random draws per incident; everything below derives from it.
CREATE TEMP TABLE seed ON COMMIT DROP AS
WITH draws AS (
    SELECT g, now() - random() * interval '3 years' AS t,
           random() AS r_phase, random() AS r_sev, random() AS r_src, random() AS r_misc
    FROM generate_series(1, :incidents) AS g
), aged AS (
    SELECT *, CASE
        WHEN t > now() - interval '1 day' THEN (ARRAY['Preparation', 'Identification', 'Identification', 'Investigation', 'Investigation',
            'Containment', 'Containment', 'Remediation', 'Remediation', 'Recovery'])[1 + floor(r_phase * 10)::int]
        WHEN t > now() - interval '14 days' THEN (ARRAY['Recovery', 'Learnings', 'Learnings', 'Closed', 'Closed'])[1 + floor(r_phase * 5)::int]
        WHEN r_phase < 0.08 THEN 'Dismissed'
        ELSE 'Closed' END AS phase
    FROM draws
)
SELECT g, t, phase, r_misc,
       array_position(ARRAY['Preparation', 'Identification', 'Investigation', 'Containment', 'Remediation', 'Recovery', 'Learnings', 'Closed'], phase) AS step,
       pg_temp.uuid7(t) AS id,
       CASE WHEN phase = 'Preparation' AND r_sev < 0.5 THEN NULL
            WHEN r_sev < 0.04 THEN 'S1' WHEN r_sev < 0.16 THEN 'S2' WHEN r_sev < 0.56 THEN 'S3'
            WHEN r_sev < 0.90 THEN 'S4' ELSE 'Unknown' END AS severity,
       CASE WHEN r_src < 0.55 THEN 'Monitoring' WHEN r_src < 0.75 THEN 'CustomerReport'
            WHEN r_src < 0.95 THEN 'TeamMemberReport' ELSE 'SecurityReport' END AS source,
       (ARRAY['checkout-api', 'payments', 'identity', 'search', 'indexer', 'webhooks', 'notifications', 'postgres',
              'status-page', 'billing', 'cdn', 'dns', 'api-gateway', 'orders', 'inventory', 'shipping', 'mobile-app',
              'web-frontend', 'analytics', 'kafka', 'redis', 'object-storage', 'email', 'sms', 'auth', 'reporting',
              'recommendations', 'media', 'ledger', 'scheduler'])[1 + (g * 7) % 30] AS service,
       (ARRAY['Elevated error rate', 'Latency above SLO', 'Requests timing out', 'Deliveries delayed', 'Disk usage alert',
              'Certificate expiring', 'Queue backlog growing', 'Login failures', 'Data not updating', 'Degraded performance',
              'Partial outage', 'Memory pressure', 'Replication lag', 'Failed deploy', 'Elevated 5xx responses'])[1 + (g * 13) % 15] AS what
FROM aged
ORDER BY t;

INSERT INTO incidents (id, number, title, summary, source, severity, phase, services,
                       impact_started_at, detected_at, created_at, declared_at,
                       investigation_started_at, containment_started_at, mitigated_at, resolved_at,
                       learnings_started_at, closed_at, dismissed_at, dismissal_reason,
                       revision, updated_at)
SELECT s.id, nextval('incident_number_seq'), s.what || ' in ' || s.service,
       CASE WHEN s.r_misc < 0.5 THEN 'Customers of ' || s.service || ' saw failures; see the timeline for details.' END,
       s.source, s.severity, s.phase,
       CASE WHEN s.g % 3 = 0 THEN ARRAY[s.service, 'postgres'] WHEN s.g % 7 = 0 THEN ARRAY[s.service, 'cdn', 'dns'] ELSE ARRAY[s.service] END,
       CASE WHEN s.r_misc < 0.7 THEN s.t - interval '25 minutes' * s.r_misc END,
       CASE WHEN s.r_misc < 0.5 THEN s.t - interval '5 minutes' * s.r_misc END,
       s.t, CASE WHEN s.step > 1 OR s.phase = 'Dismissed' THEN s.t END,
       CASE WHEN s.step >= 3 THEN s.t + interval '4 minutes' END,
       CASE WHEN s.step >= 4 THEN s.t + interval '15 minutes' END,
       CASE WHEN s.step >= 5 THEN s.t + interval '45 minutes' + interval '5 hours' * s.r_misc END,
       CASE WHEN s.step >= 6 THEN s.t + interval '2 hours' + interval '5 hours' * s.r_misc END,
       CASE WHEN s.step >= 7 THEN least(now(), s.t + interval '1 day') END,
       CASE WHEN s.step >= 8 THEN least(now(), s.t + interval '4 days') END,
       CASE WHEN s.phase = 'Dismissed' THEN s.t + interval '20 minutes' END,
       CASE WHEN s.phase = 'Dismissed' THEN 'False alarm: the check was misconfigured.' END,
       :events, least(now(), s.t + interval '4 days')
FROM seed AS s
ORDER BY s.t;

-- Severity history: set when declared; 20 % first went in as Unknown.
INSERT INTO severity_changes (id, incident_id, "from", "to", reason, changed_by_id, changed_by_name, changed_at)
SELECT pg_temp.uuid7(c.at), s.id, c.from_severity, c.to_severity, c.reason, r.id, r.display_name, c.at
FROM seed AS s
JOIN responders AS r ON r.k = 1 + s.g % 40
CROSS JOIN LATERAL (VALUES
    (1, NULL, CASE WHEN s.r_misc < 0.2 AND s.severity <> 'Unknown' THEN 'Unknown' ELSE s.severity END, NULL, s.t),
    (2, 'Unknown', s.severity, 'Impact assessed.', s.t + interval '30 minutes')) AS c(n, from_severity, to_severity, reason, at)
WHERE s.severity IS NOT NULL AND (c.n = 1 OR (s.r_misc < 0.2 AND s.severity <> 'Unknown'));

-- Roles: the current holders (never ended at close), plus an ended Engineer On Call for 5 %.
INSERT INTO role_assignments (id, incident_id, role, person_id, person_name, assigned_by_id, assigned_by_name, "from", until, ended_by_id, ended_by_name)
SELECT pg_temp.uuid7(a.at), s.id, a.role, p.id, p.display_name, p.id, p.display_name, a.at,
       a.until, CASE WHEN a.until IS NOT NULL THEN p.id END, CASE WHEN a.until IS NOT NULL THEN p.display_name END
FROM seed AS s
CROSS JOIN LATERAL (VALUES
    ('EngineerOnCall', 0, s.t + interval '2 minutes', NULL::timestamptz, s.step >= 3 OR (s.step = 2 AND s.r_misc < 0.7)),
    ('EngineerOnCall', 1, s.t + interval '1 minute', s.t + interval '2 minutes', s.step >= 3 AND s.r_misc > 0.95),
    ('IncidentManager', 2, s.t + interval '3 minutes', NULL, s.step >= 2 AND (s.severity IN ('S1', 'S2') OR s.r_misc < 0.4)),
    ('CommunicationsManagerOnCall', 3, s.t + interval '3 minutes', NULL, s.step >= 2 AND s.severity IN ('S1', 'S2'))
) AS a(role, n, at, until, wanted)
JOIN responders AS p ON p.k = 1 + (s.g + a.n * 11) % 40
WHERE a.wanted
ORDER BY a.at;

-- The timeline: the declaration (or draft), then what a response writes.
INSERT INTO timeline_events (incident_id, kind, occurred_at, recorded_at, actor_id, actor_name, text, tag)
SELECT s.id,
       CASE WHEN e.k = 1 THEN CASE WHEN s.step = 1 THEN 'Drafted' ELSE 'Declared' END
            ELSE (ARRAY['RoleAssigned', 'PhaseChanged', 'Note', 'StatusUpdate', 'Note', 'SeverityChanged', 'Note', 'PhaseChanged', 'StatusUpdate'])[1 + (e.k - 2) % 9] END,
       s.t + (e.k - 1) * interval '6 minutes', s.t + (e.k - 1) * interval '6 minutes', r.id, r.display_name,
       CASE WHEN e.k = 1 THEN 'Declared "' || s.what || ' in ' || s.service || '" at ' || coalesce(s.severity, 'no severity') || ', identified through ' || s.source || '.'
            ELSE (ARRAY['Paged the owning team; acknowledged within two minutes.', 'Error rate correlates with the last deploy of ' || s.service || '.',
                        'Rolled back to the previous release; watching the dashboards.', 'Customers in one region still report failures.',
                        'Added capacity and drained the unhealthy nodes.', 'Metrics back to normal for 15 minutes.',
                        'Posted an update on the status page.', 'Root cause suspected: a configuration change to ' || s.service || '.',
                        'Handing over to the next shift with notes in the channel.'])[1 + (e.k + s.g) % 9] END,
       CASE WHEN e.k = 3 AND s.r_misc < 0.3 THEN 'ImpactStarted' WHEN e.k = 6 AND s.r_misc < 0.3 THEN 'ImpactMitigated' END
FROM seed AS s
CROSS JOIN generate_series(1, :events) AS e(k)
JOIN responders AS r ON r.k = 1 + (s.g + e.k) % 40
ORDER BY s.t, e.k;

COMMIT;
