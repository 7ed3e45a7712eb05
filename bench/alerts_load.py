#!/usr/bin/env python3
"""A burst of Alertmanager webhook notifications (version 4) at one alert source, as an HA pair sends them.

ALERT_GROUPS groups of PER_GROUP alerts; each group's alerts arrive in notifications of PER_NOTIFICATION alerts.
By default each notification carries only the alerts new since the group's last one (what a group looks like when
its alerts start a few seconds apart and group_interval is short); ACCUMULATE=1 makes each notification carry every
firing alert of the group so far, as Alertmanager does once a group has several alerts. The notifications go round-robin
over the groups, and every notification is sent twice, the two copies taken by two different senders one after the
other (an HA pair of Alertmanagers, not clustered, both notifying). SENDERS threads send, each on its own keep-alive
connection.

Prints one line: RESULT deliveries=... alerts=... seconds=... alerts_per_s=... deliveries_per_s=... p50_ms=...
p95_ms=... p99_ms=... max_ms=... opening_p50_ms=... opening_p95_ms=... joining_p50_ms=... joining_p95_ms=...
status_<code>=... errors=... loader_cpu_s=... (opening: the deliveries of each group's first notification, which
open its incident; joining: the rest)

Usage: alerts_load.py URL SECRET   (URL: the source's ingestion URL; knobs in the environment, see below)
"""
import http.client
import itertools
import json
import os
import resource
import sys
import threading
import time
import urllib.parse
import zlib

ALERT_GROUPS = int(os.environ.get("ALERT_GROUPS", "100"))
PER_GROUP = int(os.environ.get("PER_GROUP", "100"))
PER_NOTIFICATION = int(os.environ.get("PER_NOTIFICATION", "10"))
SENDERS = int(os.environ.get("SENDERS", "16"))
COPIES = int(os.environ.get("COPIES", "2"))
ACCUMULATE = os.environ.get("ACCUMULATE", "0") == "1"
PREFIX = os.environ.get("PREFIX", "Bench")

SEVERITIES = ["critical", "high", "warning", "info"]


def alert(group, index, starts_at):
    labels = {
        "alertname": f"{PREFIX}Alert{group}",
        "service": f"service-{group % 25}",
        "instance": f"host-{index}.example.com:9100",
        "job": "node",
        "severity": SEVERITIES[group % len(SEVERITIES)],
    }
    return {
        "status": "firing",
        "labels": labels,
        "annotations": {
            "summary": f"{labels['alertname']} on {labels['instance']}",
            "description": "Error rate above 5 % for 5 minutes.",
            "runbook_url": f"https://runbooks.example.com/{labels['alertname']}",
        },
        "startsAt": starts_at,
        "endsAt": "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=rate%28errors%5B5m%5D%29+%3E+0.05",
        "fingerprint": f"{zlib.crc32(PREFIX.encode()) & 0xFFFF:04x}{group:04x}{index:08x}",
    }


def notifications():
    starts_at = time.strftime("%Y-%m-%dT%H:%M:%S.000000000Z", time.gmtime(time.time() - 120))
    groups = [[alert(group, index, starts_at) for index in range(PER_GROUP)] for group in range(ALERT_GROUPS)]
    bodies = []
    for first in range(0, PER_GROUP, PER_NOTIFICATION):
        for group, alerts in enumerate(groups):
            carried = alerts[:first + PER_NOTIFICATION] if ACCUMULATE else alerts[first:first + PER_NOTIFICATION]
            group_labels = {"alertname": alerts[0]["labels"]["alertname"], "service": alerts[0]["labels"]["service"]}
            body = {
                "receiver": "incidenthub",
                "status": "firing",
                "alerts": carried,
                "groupLabels": group_labels,
                "commonLabels": dict(group_labels, job="node", severity=alerts[0]["labels"]["severity"]),
                "commonAnnotations": {"description": "Error rate above 5 % for 5 minutes."},
                "externalURL": "http://alertmanager.example.com:9093",
                "version": "4",
                "groupKey": "{}:{alertname=\"%s\", service=\"%s\"}" % tuple(group_labels.values()),
                "truncatedAlerts": 0,
            }
            encoded = json.dumps(body).encode()
            bodies.extend([encoded] * COPIES)
    return bodies


def main():
    url, secret = urllib.parse.urlsplit(sys.argv[1]), sys.argv[2]
    bodies = notifications()
    total_alerts = sum(len(json.loads(body)["alerts"]) for body in bodies[::COPIES])
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    taken = itertools.count()  # next() on a count is atomic under the GIL: each delivery is sent once
    # The first notification of each group opens its incident; the app opens a source's new incidents one at a time.
    opening = ALERT_GROUPS * COPIES
    latencies, opening_latencies, statuses, errors = [], [], {}, []
    lock = threading.Lock()

    def sender():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        mine, mine_opening, codes = [], [], {}
        while (index := next(taken)) < len(bodies):
            started = time.perf_counter()
            try:
                connection.request("POST", url.path, body=bodies[index], headers=headers)
                response = connection.getresponse()
                response.read()
                codes[response.status] = codes.get(response.status, 0) + 1
            except (OSError, http.client.HTTPException) as failure:
                with lock:
                    errors.append(repr(failure))
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                continue
            (mine_opening if index < opening else mine).append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            opening_latencies.extend(mine_opening)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started

    joining = sorted(latencies)
    opening_latencies.sort()
    latencies = sorted(latencies + opening_latencies)

    def pct(p, values=None):
        values = latencies if values is None else values
        return values[min(len(values) - 1, max(0, int(len(values) * p / 100 + 0.999) - 1))] * 1000 if values else 0

    usage = resource.getrusage(resource.RUSAGE_SELF)
    fields = {
        "deliveries": len(bodies),
        "alerts": total_alerts,
        "seconds": f"{seconds:.2f}",
        "alerts_per_s": f"{total_alerts / seconds:.0f}",
        "deliveries_per_s": f"{len(bodies) / seconds:.0f}",
        "p50_ms": f"{pct(50):.1f}",
        "p95_ms": f"{pct(95):.1f}",
        "p99_ms": f"{pct(99):.1f}",
        "max_ms": f"{(latencies[-1] * 1000 if latencies else 0):.1f}",
        "opening_p50_ms": f"{pct(50, opening_latencies):.1f}",
        "opening_p95_ms": f"{pct(95, opening_latencies):.1f}",
        "joining_p50_ms": f"{pct(50, joining):.1f}",
        "joining_p95_ms": f"{pct(95, joining):.1f}",
        **{f"status_{code}": count for code, count in sorted(statuses.items())},
        "errors": len(errors),
        "loader_cpu_s": f"{usage.ru_utime + usage.ru_stime:.1f}",
    }
    print("RESULT " + " ".join(f"{key}={value}" for key, value in fields.items()))
    for failure in errors[:5]:
        print("error:", failure, file=sys.stderr)


if __name__ == "__main__":
    main()
