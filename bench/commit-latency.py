"""Latency from post to committed row: for each row of the Delta tables <root>/<prefix>_<kind>_table,
the time of the commit that added it minus the time its record was first posted (from
TopicTimestamps.java on stdin), for records posted at or after <since-ms>. Reads the Delta log and
the added Parquet files directly, so it measures any writer the same way. Prints one line.
Usage: python commit-latency.py <root> <prefix> <since-ms> < timestamps"""
import json
import os
import sys

import pyarrow.parquet as pq


def first_commits(table):
    """ind -> time (ms) of the commit that first added it."""
    log = os.path.join(table, "_delta_log")
    added = {}
    for name in sorted(n for n in os.listdir(log) if n.endswith(".json")):
        actions = [json.loads(line) for line in open(os.path.join(log, name)) if line.strip()]
        stamps = [a["commitInfo"]["timestamp"] for a in actions if "commitInfo" in a and "timestamp" in a["commitInfo"]]
        committed = stamps[0] if stamps else int(os.path.getmtime(os.path.join(log, name)) * 1000)
        for action in actions:
            if "add" in action:
                path = os.path.join(table, action["add"]["path"])
                for ind in pq.read_table(path, columns=["ind"]).column("ind").to_pylist():
                    added.setdefault(ind, committed)
    return added


def main(root, prefix, since):
    # A post sent again (random mode picks with replacement) is a duplicate: its row was added at
    # its first sending, so that one counts; a post first sent before <since-ms> does not count.
    posted, before = {}, set()
    for line in sys.stdin:
        kind, ind, at = line.split()
        key, at = (kind, int(ind)), int(at)
        if at < since:
            before.add(key)
        elif at < posted.get(key, at + 1):
            posted[key] = at
    for key in before:
        posted.pop(key, None)
    latencies = []
    for kind in ("pin", "geo", "user"):
        for ind, committed in first_commits(os.path.join(root, f"{prefix}_{kind}_table")).items():
            if (kind, ind) in posted:
                latencies.append(committed - posted.pop((kind, ind)))
    latencies.sort()
    if not latencies:
        sys.exit("no posted record reached a table")
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000
    print(f"{len(latencies)} rows, {len(posted)} posted but not committed; "
          f"latency p50 {pick(0.5):.1f} s, p99 {pick(0.99):.1f} s, max {latencies[-1] / 1000:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
