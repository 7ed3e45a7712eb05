-- GET of the insights for a random one-year period inside the seeded span and a random single filter (none,
-- severity, service, source or owning team): the API (INSIGHTS_TARGET=api, with BENCH_TOKEN) or the page
-- (INSIGHTS_TARGET=page, with the signed-in session's cookie in INSIGHTS_COOKIE). SPAN_DAYS: days seeded before today.
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

local page = os.getenv("INSIGHTS_TARGET") == "page"
if page then
  wrk.headers["X-Forwarded-Proto"] = "https"
  wrk.headers["Cookie"] = os.getenv("INSIGHTS_COOKIE")
else
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end
wrk.method = "GET"

local span = tonumber(os.getenv("SPAN_DAYS") or "1095")
local filters = {
  severity = { "S1", "S2", "S3", "S4", "Unknown" },
  source = { "Monitoring", "CustomerReport", "TeamMemberReport", "SecurityReport" },
  service = { "checkout-api", "payments", "identity", "search", "postgres", "cdn", "dns", "orders", "email", "scheduler" },
  team = { "Payments", "Identity", "Search", "Platform", "Messaging", "Storefront", "Data", "Infrastructure" },
}
local kinds = { "none", "severity", "source", "service", "team" }

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local today = os.time()
  local first = today - math.random(365, span) * 86400
  local query = string.format("from=%s&to=%s", os.date("!%Y-%m-%d", first), os.date("!%Y-%m-%d", first + 364 * 86400))
  local kind = kinds[math.random(#kinds)]
  if kind ~= "none" then
    local values = filters[kind]
    query = query .. "&" .. kind .. "=" .. values[math.random(#values)]
  end
  return wrk.format(nil, (page and "/insights?" or "/api/v1/insights?") .. query)
end
