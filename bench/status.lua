-- GET of one public status page address (STATUS_PATH: /status or /status/summary.json), anonymous.
dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

wrk.method = "GET"
wrk.path = os.getenv("STATUS_PATH") or "/status"
