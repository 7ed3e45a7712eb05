-- GET /api/v1/incidents: the first page of the default list (all incidents, newest first, limit 50).
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

wrk.method = "GET"
wrk.path = "/api/v1/incidents"
wrk.headers["Accept"] = "application/json"
