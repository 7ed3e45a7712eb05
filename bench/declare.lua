-- POST /api/v1/incidents: each request declares a new incident (no Idempotency-Key).
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

local severities = { "S1", "S2", "S3", "S4", "Unknown" }
local sources = { "Monitoring", "CustomerReport", "TeamMemberReport", "SecurityReport" }
local services = { "checkout-api", "payments", "identity", "search", "webhooks", "notifications" }
local n = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  n = n + 1
  local body = string.format(
    '{"title":"Elevated error rate in %s (bench %d)","severity":"%s","source":"%s","services":["%s","postgres"]}',
    services[n % #services + 1], n, severities[n % #severities + 1], sources[n % #sources + 1], services[n % #services + 1])
  return wrk.format(nil, "/api/v1/incidents", nil, body)
end
