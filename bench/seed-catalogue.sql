-- The services catalogue for bench/insights.sh, before seed.sql: the 30 services seed.sql names, with 8 owning teams
-- (so that the team filter matches real data). Seeded first, so the insight triggers find the teams as incidents come.
\set ON_ERROR_STOP on

INSERT INTO services (id, slug, name, owner_team, shown_on_status_page, needs_review, created_at, updated_at)
SELECT gen_random_uuid(), slug, initcap(replace(slug, '-', ' ')),
       (ARRAY['Payments', 'Identity', 'Search', 'Platform', 'Messaging', 'Storefront', 'Data', 'Infrastructure'])[1 + (k - 1) % 8],
       k % 3 = 0, FALSE, now() - interval '4 years', now() - interval '4 years'
FROM unnest(ARRAY['checkout-api', 'payments', 'identity', 'search', 'indexer', 'webhooks', 'notifications', 'postgres',
                  'status-page', 'billing', 'cdn', 'dns', 'api-gateway', 'orders', 'inventory', 'shipping', 'mobile-app',
                  'web-frontend', 'analytics', 'kafka', 'redis', 'object-storage', 'email', 'sms', 'auth', 'reporting',
                  'recommendations', 'media', 'ledger', 'scheduler']) WITH ORDINALITY AS s(slug, k)
ON CONFLICT DO NOTHING;
