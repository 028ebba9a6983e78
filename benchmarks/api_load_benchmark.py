#!/usr/bin/env python3
"""API load benchmark: the filtered rows endpoint of `loupe serve` on a 1,000,000-row workspace, under wrk.

The workspace is the system-of-record benchmark's (benchmarks/query_benchmark.py builds it, seeded,
and caches it under --cache). The server is the release `loupe serve`, and the load is Debian's `wrk`:
  * the URL set: the first --pages pages (100 rows each, cursors followed) of four filtered views
    (metadata and run metrics, a metadata range with two run metrics, a sort by a run metric, and
    one class of ground truth), requested in rotation by every connection;
  * warm-up: --warmup seconds of the same load, not measured;
  * phase "reads": --connections connections for --duration seconds;
  * phase "reads + imports": the same load while --imports JSONL files of --import-rows rows each are
    uploaded through `POST /datasets/{dataset}/imports` one after the other (each a background job,
    waited for), into a dataset of their own; afterwards every imported key must be there, once.
Reported: requests/s, latency percentiles (wrk's), errors (non-2xx and socket errors), and the
server's resident memory sampled every second (anonymous memory apart: the workspace is
memory-mapped, so its pages count as resident while they are cached).

Targets (issue 5): p99 <= 50 ms and >= 2,000 requests/s at 64 connections on 2 cores, no errors,
memory flat, nothing lost by concurrent imports.

Usage: python3 benchmarks/api_load_benchmark.py [--rows 1000000] [--duration 30] [--connections 64]
Build first: swift build -c release --product loupe
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import query_benchmark

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VIEWS = [
    ('meta.night = true and run("detector").fp >= 1', ""),
    ('meta.camera = "gopro" and meta.brightness < 0.5 and run("detector").fn >= 1 and run("detector").iou < 0.8', ""),
    ('meta.region = "r2"', '-run("detector").fp, key'),
    ('gt.class = "class07"', ""),
]
IMPORT_DATASET = "bench-writes"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(base, path):
    with urllib.request.urlopen(base + path, timeout=120) as response:
        return json.load(response)


def view_paths(base, pages):
    """The first `pages` pages of every view, as paths with their cursors."""
    paths = []
    for expression, sort in VIEWS:
        query = {"filter": expression, "limit": "100"}
        if sort:
            query["sort"] = sort
        path = "/api/v1/datasets/bench/rows?" + urllib.parse.urlencode(query)
        for _ in range(pages):
            paths.append(path)
            cursor = get_json(base, path)["next_cursor"]
            if cursor is None:
                break
            path = "/api/v1/datasets/bench/rows?" + urllib.parse.urlencode({**query, "cursor": cursor})
    return paths


def write_rotation_script(paths, folder):
    script = os.path.join(folder, "rotate.lua")
    with open(script, "w") as out:
        out.write("local paths = {\n")
        for path in paths:
            out.write(f"  {json.dumps(path)},\n")
        out.write("}\nlocal next = 0\n")
        # Each wrk thread starts at another offset so that the connections spread over the set.
        out.write("function setup(thread) thread:set('offset', math.random(#paths)) end\n")
        out.write("request = function()\n  next = next + 1\n  local index = ((next + (offset or 0)) % #paths) + 1\n"
                  "  return wrk.format('GET', paths[index])\nend\n")
    return script


def parse_duration(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(base, script, connections, seconds):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script, base]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
              "requests": int(re.search(r"(\d+) requests in", output).group(1)),
              "non_2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
              "socket_errors": sum(map(int, (re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
                                             or re.match("()()()()", "")).groups() or [])) if "Socket errors" in output else 0}
    for percentile in ("50", "90", "99"):
        result[f"p{percentile}_ms"] = parse_duration(re.search(rf"\s{percentile}%\s+(\S+)", output).group(1))
    result["max_ms"] = parse_duration(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", output).group(1))
    return result


class MemorySampler(threading.Thread):
    """Samples the server's resident memory (total and anonymous, MiB) every second."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples, self.stopped = pid, [], threading.Event()

    def run(self):
        while not self.stopped.wait(1.0):
            fields = {}
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    name, _, value = line.partition(":")
                    if name in ("VmRSS", "RssAnon"):
                        fields[name] = int(value.split()[0]) / 1024
            self.samples.append((fields.get("VmRSS", 0), fields.get("RssAnon", 0)))

    def summary(self):
        anonymous = [sample[1] for sample in self.samples]
        third = max(1, len(anonymous) // 3)
        return {"rss_max_mib": max(sample[0] for sample in self.samples),
                "anon_first_third_mib": sum(anonymous[:third]) / third,
                "anon_last_third_mib": sum(anonymous[-third:]) / third,
                "anon_max_mib": max(anonymous)}


def import_files(base, folder, count, rows, token_rows):
    """Uploads `count` JSONL files of `rows` new rows each, one job at a time; returns the keys sent."""
    keys = []
    for batch in range(count):
        path = os.path.join(folder, f"import-{batch}.jsonl")
        with open(path, "w") as out:
            for index in range(rows):
                key = f"w{batch:03d}-{index:06d}.jpg"
                keys.append(key)
                out.write(json.dumps({"key": key, "uri": f"images/{key}", "width": 640, "height": 480, "split": "train",
                                      "metadata": {"batch": batch}, "annotations": []}) + "\n")
        with open(path, "rb") as body:
            request = urllib.request.Request(
                f"{base}/api/v1/datasets/{IMPORT_DATASET}/imports?format=jsonl&filename=import-{batch}.jsonl",
                data=body.read(), method="POST", headers={"Content-Type": "application/x-ndjson"})
        with urllib.request.urlopen(request, timeout=120) as response:
            job = json.load(response)
        while job["status"] in ("queued", "running"):
            time.sleep(0.2)
            job = get_json(base, f"/api/v1/jobs/{job['id']}")
        if job["status"] != "succeeded":
            sys.exit(f"import job {job['id']} ended {job['status']}: {job.get('error')}")
    return keys


def check_imported(base, expected):
    """Every key imported exactly once: the dataset's count, and the keys paged through."""
    seen, path = [], f"/api/v1/datasets/{IMPORT_DATASET}/rows?limit=1000&sort=key"
    while path:
        page = get_json(base, path)
        seen += [row["key"] for row in page["rows"]]
        path = (f"/api/v1/datasets/{IMPORT_DATASET}/rows?limit=1000&sort=key&cursor={page['next_cursor']}"
                if page["next_cursor"] else None)
    return {"imported_rows": len(expected), "rows_found": len(seen), "all_found_once": sorted(seen) == sorted(expected)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cache", default=os.path.join(ROOT, ".build", "query-benchmark"))
    parser.add_argument("--loupe", default=os.path.join(ROOT, ".build", "release", "loupe"))
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--imports", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    args.workspace = os.path.join(args.cache, "bench.sqlite")
    marker = os.path.join(args.cache, "built")
    if not (os.path.exists(marker) and open(marker).read().strip() == str(args.rows) and os.path.exists(args.workspace)):
        query_benchmark.build_workspace(args)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([args.loupe, "serve", "--workspace", args.workspace, "--port", str(port), "--log-level", "warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            try:
                get_json(base, "/api/v1/datasets")
                break
            except OSError:
                time.sleep(0.1)
        # Drop what an earlier run imported, so that the check below counts this run's rows only.
        try:
            urllib.request.urlopen(urllib.request.Request(f"{base}/api/v1/datasets/{IMPORT_DATASET}", method="DELETE"), timeout=600)
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
        with tempfile.TemporaryDirectory() as folder:
            paths = view_paths(base, args.pages)
            script = write_rotation_script(paths, folder)
            print(f"{len(paths)} URLs over {len(VIEWS)} filtered views; {args.connections} connections, 2 wrk threads")
            run_wrk(base, script, args.connections, args.warmup)
            figures = {"urls": len(paths)}
            for phase in ("reads", "reads + imports"):
                sampler = MemorySampler(server.pid)
                sampler.start()
                importer_result = {}
                importer = None
                if phase == "reads + imports":
                    def work():
                        importer_result["keys"] = import_files(base, folder, args.imports, args.import_rows, args.import_rows)
                    importer = threading.Thread(target=work)
                    importer.start()
                result = run_wrk(base, script, args.connections, args.duration)
                if importer:
                    importer.join()
                    result.update(check_imported(base, importer_result["keys"]))
                sampler.stopped.set()
                sampler.join()
                result.update(sampler.summary())
                figures[phase] = result
                print(f"{phase}: {result['requests_per_second']:,.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
                      f"p90 {result['p90_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.0f} ms, "
                      f"errors {result['non_2xx'] + result['socket_errors']}, anonymous memory "
                      f"{result['anon_first_third_mib']:.0f} -> {result['anon_last_third_mib']:.0f} MiB (max {result['anon_max_mib']:.0f}), "
                      f"RSS max {result['rss_max_mib']:.0f} MiB")
                if "imported_rows" in result:
                    print(f"  imports: {result['imported_rows']:,} rows sent, {result['rows_found']:,} found, "
                          f"each once: {result['all_found_once']}")
        if args.json:
            with open(args.json, "w") as out:
                json.dump(figures, out, indent=2, sort_keys=True)
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
