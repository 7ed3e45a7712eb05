#!/usr/bin/env python3
"""The clients and the report of scripts/outage-drill.sh (Python 3 standard library only).

  outage_drill.py clients URL TOKEN EVENTS   runs until SIGTERM: WRITERS writers, one recovery probe and
                                             one live-update listener, every answer a line of EVENTS
  outage_drill.py report FOLDER              prints the figures from FOLDER/events.jsonl, phases.tsv,
                                             incidents.tsv, stuck.txt and app.log; exits 1 when a
                                             must-be-0 figure is not 0

Writers: each declares an incident with a fresh Idempotency-Key (the key is in the title), and on 503,
409, 429, a connection error or a timeout retries the same key, waiting what Retry-After says (at most
RETRY_AFTER_MAX s), until it gets 201 or DEADLINE s have passed since its first attempt ("gave up").
Any other answer ends the key. The probe does the same but retries every 0.2 s whatever Retry-After
says, so that it sees the first moment the app can write again (the recovery figure).
"""
import http.client
import json
import os
import random
import signal
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict

WRITERS = int(os.environ.get("WRITERS", "8"))
PAUSE = float(os.environ.get("WRITER_PAUSE", "0.05"))          # s between two declares of one writer
DEADLINE = float(os.environ.get("DEADLINE", "30"))             # s per key before giving up
ATTEMPT_TIMEOUT = float(os.environ.get("ATTEMPT_TIMEOUT", "10"))  # s per attempt
RETRY_AFTER_MAX = float(os.environ.get("RETRY_AFTER_MAX", "5"))   # cap on an honoured Retry-After
PROBE_INTERVAL = 0.2
RECOVERY_TARGET = 5.0


# ---- clients --------------------------------------------------------------------------------------------------

class Log:
    def __init__(self, path):
        self.file = open(path, "a", buffering=1, encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, **event):
        line = json.dumps(event, separators=(",", ":"))
        with self.lock:
            self.file.write(line + "\n")


def connect(host, port, timeout):
    return http.client.HTTPConnection(host, port, timeout=timeout)


def declare_loop(name, host, port, token, log, stop, run_id, probe):
    conn = connect(host, port, ATTEMPT_TIMEOUT)
    n = 0
    while not stop.is_set():
        n += 1
        key = f"drill-{run_id}-{name}-{n}"
        body = json.dumps({"title": f"Outage drill {key}", "severity": "S2", "source": "Monitoring"}).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": key}
        first = time.time()
        attempt = 0
        while True:
            attempt += 1
            sent = time.time()
            status, replayed, number, retry_after, error = None, False, None, None, None
            try:
                conn.request("POST", "/api/v1/incidents", body, headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
                replayed = response.getheader("Idempotent-Replayed") == "true"
                retry_after = response.getheader("Retry-After")
                if status == 201:
                    number = json.loads(payload).get("number")
                if response.will_close:
                    conn.close()
            except (TimeoutError, OSError, http.client.HTTPException) as failure:
                error = "timeout" if isinstance(failure, TimeoutError) else "connection error"
                conn.close()
                conn = connect(host, port, ATTEMPT_TIMEOUT)
            now = time.time()
            log.write(t=now, sent=sent, client=name, key=key, attempt=attempt, status=status, replayed=replayed,
                      number=number, retry_after=retry_after, error=error)
            if status == 201:
                log.write(t=now, client=name, key=key, ack=number, attempts=attempt, seconds=round(now - first, 3))
                break
            if status not in (None, 409, 429, 503):
                log.write(t=now, client=name, key=key, ended=status)
                break
            if probe:
                wait = PROBE_INTERVAL
            elif retry_after is not None and retry_after.isdigit():
                wait = min(float(retry_after), RETRY_AFTER_MAX) + random.uniform(0, 0.5)  # jitter: not all at once
            else:
                wait = random.uniform(0.3, 0.7)
            if now + wait - first > DEADLINE:
                log.write(t=now, client=name, key=key, gave_up=True, attempts=attempt)
                break
            time.sleep(wait)
        if not stop.is_set():
            time.sleep(PAUSE)


def live_loop(host, port, token, log, stop):
    """Listens to /live/incidents (Server-Sent Events), reconnecting; logs when streams end and changes arrive."""
    while not stop.is_set():
        conn = connect(host, port, 20)
        try:
            conn.request("GET", "/live/incidents", headers={"Authorization": f"Bearer {token}", "Accept": "text/event-stream",
                                                                "X-Forwarded-Proto": "https"})
            response = conn.getresponse()
            if response.status != 200:
                log.write(t=time.time(), live="refused", status=response.status)
            else:
                log.write(t=time.time(), live="open")
                while not stop.is_set():
                    line = response.readline()
                    if not line:
                        log.write(t=time.time(), live="ended")
                        break
                    if line.startswith(b"event:"):
                        kind = line[6:].strip().decode()
                        if kind == "changed":
                            log.write(t=time.time(), live="changed")
        except (TimeoutError, OSError, http.client.HTTPException) as failure:
            log.write(t=time.time(), live="error", error=type(failure).__name__)
        finally:
            conn.close()
        stop.wait(0.5)


def clients(url, token, events):
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    port = int(port)
    log = Log(events)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    run_id = uuid.uuid4().hex[:8]
    threads = [threading.Thread(target=declare_loop, args=(f"w{i}", host, port, token, log, stop, run_id, False))
               for i in range(1, WRITERS + 1)]
    threads.append(threading.Thread(target=declare_loop, args=("probe", host, port, token, log, stop, run_id, True)))
    listener = threading.Thread(target=live_loop, args=(host, port, token, log, stop), daemon=True)
    log.write(t=time.time(), started=WRITERS)
    for thread in threads:
        thread.start()
    listener.start()
    while not stop.is_set():
        stop.wait(0.5)
    # Every writer finishes the key it holds (at most DEADLINE s), then stops.
    for thread in threads:
        thread.join()
    log.write(t=time.time(), stopped=True)


# ---- report ---------------------------------------------------------------------------------------------------

def label(event):
    if event["error"]:
        return event["error"]
    if event["status"] == 201 and event["replayed"]:
        return "201 replayed"
    return str(event["status"])


ORDER = ["201", "201 replayed", "200", "409", "422", "429", "503", "500", "connection error", "timeout"]


def seconds(value):
    return "-" if value is None else f"{value:.2f}"


def report(folder):
    events = [json.loads(line) for line in open(os.path.join(folder, "events.jsonl"), encoding="utf-8")]
    answers = [e for e in events if "attempt" in e]
    phases = []
    for line in open(os.path.join(folder, "phases.tsv"), encoding="utf-8"):
        name, started, done, note = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
        phases.append((name, float(started), float(done), note))
    marks = {name: started for name, started, _, _ in phases}
    disruptions = [p for p in phases if p[0] not in ("writing", "stop")]
    end = marks["stop"]

    # ---- per phase ----
    print("\nAnswers per phase (counted by the time the answer came; connection errors and timeouts are attempts")
    print("that got no answer). Each phase runs from its command to the next phase's command; 'before' is steady writing.")
    windows = [("before (steady)", marks["writing"], disruptions[0][1] if disruptions else end, None)]
    for i, (name, started, done, note) in enumerate(disruptions):
        windows.append((name, started, disruptions[i + 1][1] if i + 1 < len(disruptions) else end, (started, done, note)))
    seen = set()
    per_window = []
    for name, start, stop, _ in windows:
        counts = Counter(label(e) for e in answers if start <= e["t"] < stop)
        seen.update(counts)
        per_window.append(counts)
    columns = [c for c in ORDER if c in seen] + sorted(seen - set(ORDER))
    print("| phase | seconds | " + " | ".join(columns) + " |")
    print("|---|---:|" + "---:|" * len(columns))
    for (name, start, stop, _), counts in zip(windows, per_window):
        print(f"| {name} | {stop - start:.0f} | " + " | ".join(str(counts.get(c, 0)) for c in columns) + " |")

    live = [e for e in events if "live" in e]
    print("\nRecovery, in seconds from the command. Failing: the first and the last answer that was not a 201 (or no")
    print("answer). Back: the first 201 after the last failure, the recovery figure (the probe retries every 0.2 s;")
    print("writers wait what Retry-After says). Live: the first live update (SSE) after that.")
    print("In flight: attempts sent before the command and answered (or cut) after it.")
    print("| phase | command took | in flight: 201 / other | failing from | failing until | back | back after the command returned | live | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    recoveries = []
    for name, started, done, note in disruptions:
        window_end = min([p[1] for p in disruptions if p[1] > started] + [end])
        inside = [e for e in answers if started <= e["t"] < window_end]
        failures = [e["t"] for e in inside if label(e) not in ("201", "201 replayed")]
        first_failure = min(failures, default=None)
        last_failure = max(failures, default=None)
        back = min((e["t"] for e in inside if e["status"] == 201 and e["t"] > (last_failure or started)), default=None)
        changed = min((e["t"] for e in live if e["live"] == "changed" and e["t"] >= (back or started)), default=None)
        in_flight = [e for e in answers if e["sent"] < started <= e["t"]]
        flight = f"{sum(1 for e in in_flight if e['status'] == 201)} / {sum(1 for e in in_flight if e['status'] != 201)}"
        recovery = None if back is None else back - started
        recoveries.append((name, recovery, None if back is None else back - done))
        rel = lambda value: seconds(None if value is None else value - started)
        print(f"| {name} | {done - started:.2f} | {flight} | {rel(first_failure)} | {rel(last_failure)} | {rel(back)} | "
              f"{seconds(None if back is None else back - done)} | {rel(changed)} | {note} |")

    # ---- the writes ----
    acks = [e for e in events if "ack" in e]
    gave_up = [e for e in events if e.get("gave_up")]
    ended = [e for e in events if "ended" in e]
    numbers_by_key = defaultdict(set)
    for e in answers:
        if e["status"] == 201:
            numbers_by_key[e["key"]].add(e["number"])
    two_numbers = [k for k, n in numbers_by_key.items() if len(n) > 1]
    incidents = {}
    titles = Counter()
    for line in open(os.path.join(folder, "incidents.tsv"), encoding="utf-8"):
        number, title = line.rstrip("\n").split("\t", 1)
        incidents[int(number)] = title
        titles[title] += 1
    acked_keys = {e["key"]: e["ack"] for e in acks}
    missing = sorted(k for k, n in acked_keys.items() if incidents.get(n) != f"Outage drill {k}")
    duplicated = sorted(t for t, c in titles.items() if c > 1 and t.startswith("Outage drill "))
    unacked = sorted(t for t in titles if t.startswith("Outage drill ") and t.removeprefix("Outage drill ") not in acked_keys)
    stuck = int(open(os.path.join(folder, "stuck.txt"), encoding="utf-8").read().strip() or 0)
    errors_500 = sum(1 for e in answers if e["status"] == 500)
    retried = Counter(e["attempts"] for e in acks)
    slowest = max((e["seconds"] for e in acks), default=0)

    print("\nWrites:")
    print(f"- requests: {len(answers)} attempts for {len(acked_keys) + len(gave_up) + len(ended)} keys; "
          f"keys answered at the first attempt: {retried.get(1, 0)}, after retries: {len(acks) - retried.get(1, 0)} "
          f"(longest {slowest:.1f} s from first attempt to 201)")
    print(f"- acknowledged keys (201 with a number): {len(acked_keys)}")
    print(f"- drill incidents in the database: {sum(c for t, c in titles.items() if t.startswith('Outage drill '))}")
    print(f"- incidents in the database whose key was never acknowledged: {len(unacked)}"
          + (f" ({', '.join(unacked[:5])})" if unacked else ""))
    figures = [
        ("acknowledged writes missing from the database", len(missing), missing),
        ("keys that made two incidents", len(duplicated) + len(two_numbers), duplicated + two_numbers),
        ("stuck Idempotency-Keys (status_code IS NULL)", stuck, []),
        ("500 answers", errors_500, []),
    ]
    failed = False
    for text, value, examples in figures:
        failed |= value != 0
        print(f"- {text}: {value} (must be 0{': ok' if value == 0 else ': FAILED'})" + (f" e.g. {examples[:5]}" if examples else ""))
    print(f"- gave up after {DEADLINE:.0f} s: {len(gave_up)} (should be 0{': ok' if not gave_up else ': NOT 0'})"
          + (f" e.g. {[e['key'] for e in gave_up[:5]]}" if gave_up else ""))
    print(f"- keys ended by another answer (not retried): {len(ended)}"
          + (f" ({dict(Counter(e['ended'] for e in ended))})" if ended else ""))
    for name, recovery, after in recoveries:
        if recovery is None:
            print(f"- recovery after {name}: no 201 before the next phase: FAILED")
            failed = True
        elif name.startswith("pg_ctl"):
            print(f"- recovery after {name}: {recovery:.2f} s, {after:.2f} s after PostgreSQL accepted connections again "
                  f"(target < {RECOVERY_TARGET:.0f} s: {'met' if recovery < RECOVERY_TARGET else 'MISSED'})")
    print(f"- live updates received: {sum(1 for e in live if e['live'] == 'changed')}")
    for name, started, done, note in disruptions:
        if name.startswith("app"):
            closed = min((e["t"] for e in live if e["live"] in ("ended", "error") and e["t"] >= started), default=None)
            print(f"- live-update stream closed {seconds(None if closed is None else closed - started)} s after SIGTERM "
                  f"(the app {note.split(',')[0]})")

    # ---- what the app logged ----
    levels, exceptions = Counter(), Counter()
    for line in open(os.path.join(folder, "app.log"), encoding="utf-8", errors="replace"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        levels[entry.get("@l", "Information")] += 1
        if "@x" in entry:
            first = entry["@x"].splitlines()[0][:200]
            exceptions[f"{entry.get('@l', '?')}: {entry.get('@mt', '')[:80]} | {first}"] += 1
    print(f"\nApp log (level Warning and up): {dict(levels) or 'nothing'}")
    for text, count in exceptions.most_common(8):
        print(f"  {count:5d} x {text}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "clients":
        clients(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        sys.exit(report(sys.argv[2]))
    else:
        sys.exit(__doc__)
