"""UMAP side by side: Loupe's UMAP (benchmarks/umap, a release executable) against umap-learn on
the same seeded data; prints one JSON object and a markdown table.

Run (from the repository root, with the venv that has numpy, scikit-learn and umap-learn 0.5.12):
    swift build -c release --package-path benchmarks/umap
    .venv/bin/python benchmarks/umap_benchmark.py [--n 70000] [--repeats 1] [--knn exact]

Data: a seeded mixture of `--clusters` (10) Gaussian clusters in `--dimension` (64) dimensions,
centres uniform in [-3, 3]^d, each point its centre plus N(0, I_d), `--n` rows in total (seed
`--seed`, 0), written to `--cache` as .npy; and scikit-learn's digits (1,797 × 64, bundled with
scikit-learn, no download).

Peers, all with umap-learn's defaults (n_neighbors 15, min_dist 0.1, 2-D, 200 epochs above 10,000
points and 500 below):
- umap-learn with `random_state=0`: deterministic, and umap-learn then runs single-threaded
  (it sets n_jobs to 1 and warns);
- umap-learn with `n_jobs=2` and no random_state: parallel NN-descent and Hogwild descent, not
  reproducible;
- Loupe (`UMAPBenchmark`, seed 0, `--threads` descent threads, k-NN graph `--knn`).
Each peer runs in its own process; umap-learn first fits a 2,000-point sample of the same data
untimed, so numba's compilation (which its disk cache does not keep for every function) is out
of the timed fit. Peers alternate (Loupe, umap-learn seeded, umap-learn parallel) `--repeats`
times. Reported per run: wall seconds and CPU seconds (user + system of all threads, which a
loaded machine inflates less than wall time), umap-learn's stage times (by wrapping its
nearest_neighbors, fuzzy_simplicial_set, spectral_layout and optimize_layout_euclidean), Loupe's
(from the executable), and trustworthiness (sklearn.manifold.trustworthiness, k = 10) on the
same seeded `--sample` (5,000) rows of every layout (all rows of the digits). The load average
is printed before and after. OPENBLAS_CORETYPE is removed from every process's environment
alike (see docs/benchmarks.md).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LOUPE = ROOT / "benchmarks/umap/.build/release/UMAPBenchmark"


def mixture(n, dimension, clusters, seed):
    """`n` rows: cluster `i % clusters` for row `i`; float32."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-3, 3, size=(clusters, dimension))
    labels = np.arange(n) % clusters
    x = centres[labels] + rng.standard_normal((n, dimension))
    return x.astype(np.float32)


def umap_learn_peer(path, out, mode, warmup):
    """Child process: fits umap-learn on the .npy at `path`, saves the layout, prints JSON."""
    import warnings
    import umap
    import umap.umap_ as umap_module

    stages = {}

    def wrap(name, label):
        original = getattr(umap_module, name)

        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            result = original(*args, **kwargs)
            entry = stages.setdefault(label, [0.0, 0.0])
            entry[0] += time.perf_counter() - wall
            entry[1] += time.process_time() - cpu
            return result
        setattr(umap_module, name, timed)

    x = np.load(path)
    kwargs = {"random_state": 0} if mode == "seeded" else {"n_jobs": 2}
    warnings.simplefilter("ignore")
    if warmup:
        sample = x[np.random.default_rng(1).choice(len(x), size=min(2000, len(x)), replace=False)]
        started = time.perf_counter()
        umap.UMAP(**kwargs).fit_transform(sample)
        warmup_seconds = time.perf_counter() - started
    else:
        warmup_seconds = 0.0
    for name, label in [("nearest_neighbors", "knn"), ("fuzzy_simplicial_set", "fuzzy_set"),
                        ("spectral_layout", "initialization"), ("optimize_layout_euclidean", "descent")]:
        wrap(name, label)
    model = umap.UMAP(**kwargs)
    wall, cpu = time.perf_counter(), time.process_time()
    layout = model.fit_transform(x)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    np.save(out, layout.astype(np.float32))
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "warmup_seconds": warmup_seconds,
                      "n_jobs": model.n_jobs,
                      "stages": {k: {"seconds": v[0], "cpu_seconds": v[1]} for k, v in stages.items()}}))


def environment():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    return env


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment())
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, json.loads(result.stdout.strip().splitlines()[-1])


def trust(x, layout, sample):
    from sklearn.manifold import trustworthiness
    return float(trustworthiness(x[sample], layout[sample], n_neighbors=10))


def bench(name, path, args, sample):
    x = np.load(path)
    runs = []
    for repeat in range(args.repeats):
        for peer in args.peers.split(","):
            out = Path(args.cache) / f"{name}_{peer}_layout.npy"
            if peer == "loupe":
                command = [str(LOUPE), "--data", str(path), "--out", str(out), "--seed", "0",
                           "--threads", str(args.threads), "--knn", args.knn]
                seconds, cpu, report = run(command)
                entry = {"peer": "loupe", "process_seconds": seconds, "process_cpu_seconds": cpu,
                         "seconds": report["total_seconds"], "cpu_seconds": report["cpu_seconds"],
                         "stages": {"knn": report["knn_seconds"], "fuzzy_set": report["fuzzy_set_seconds"],
                                    "initialization": report["initialization_seconds"],
                                    "descent": report["descent_seconds"]},
                         "knn": report["knn"], "threads": report["threads"]}
            else:
                mode = peer.split("-")[-1]
                command = [sys.executable, __file__, "--peer", mode, "--data", str(path), "--out", str(out)]
                seconds, cpu, report = run(command)
                entry = {"peer": peer, "process_seconds": seconds, "process_cpu_seconds": cpu,
                         "seconds": report["seconds"], "cpu_seconds": report["cpu_seconds"],
                         "warmup_seconds": report["warmup_seconds"], "n_jobs": report["n_jobs"],
                         "stages": {k: v["seconds"] for k, v in report["stages"].items()}}
            entry["trustworthiness"] = trust(x, np.load(out), sample)
            entry["repeat"] = repeat
            print(json.dumps(entry), file=sys.stderr)
            runs.append(entry)
    return runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=70000)
    parser.add_argument("--dimension", type=int, default=64)
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--knn", default="exact", help="Loupe's k-NN graph: exact or hnsw")
    parser.add_argument("--peers", default="loupe,umap-learn-seeded,umap-learn-parallel")
    parser.add_argument("--sets", default="mixture,digits")
    parser.add_argument("--cache", default="/tmp/loupe-umap-benchmark")
    parser.add_argument("--table", help="print the table of a saved JSON result and exit")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        umap_learn_peer(args.data, args.out, args.peer, warmup=True)
        return
    if args.table:
        with open(args.table) as saved:
            text = saved.read()
        print(table(json.loads(text[:text.rindex("}") + 1])))
        return
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    results = {"load_average_before": os.getloadavg(), "sets": {}}
    for name in args.sets.split(","):
        if name == "mixture":
            path = cache / f"mixture_n{args.n}_d{args.dimension}_c{args.clusters}_s{args.seed}.npy"
            if not path.exists():
                np.save(path, mixture(args.n, args.dimension, args.clusters, args.seed))
            rows = args.n
            sample = np.sort(np.random.default_rng(args.seed).choice(rows, size=min(args.sample, rows), replace=False))
        else:
            from sklearn.datasets import load_digits
            path = cache / "digits.npy"
            if not path.exists():
                np.save(path, load_digits().data.astype(np.float32))
            rows = 1797
            sample = np.arange(rows)
        results["sets"][name] = {"rows": rows, "runs": bench(name, path, args, sample)}
    results["load_average_after"] = os.getloadavg()
    print(json.dumps(results, indent=1))
    print()
    print(table(results))


def label(peer, run):
    if peer == "loupe":
        return f"Loupe ({run['knn']} k-NN, {run['threads']} threads)"
    return {"umap-learn-seeded": "umap-learn, random_state=0 (1 thread)",
            "umap-learn-parallel": "umap-learn, n_jobs=2, no seed"}[peer]


def table(results):
    """A markdown table of the medians per data set and peer."""
    lines = ["| data | peer | wall s | CPU s | k-NN s | fuzzy set s | init s | descent s | trustworthiness |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, entry in results["sets"].items():
        for peer in dict.fromkeys(run["peer"] for run in entry["runs"]):
            runs = [run for run in entry["runs"] if run["peer"] == peer]
            median = lambda key: statistics.median(run[key] for run in runs)  # noqa: E731
            stage = lambda key: statistics.median(run["stages"].get(key, 0) for run in runs)  # noqa: E731
            lines.append(f"| {name} ({entry['rows']:,}) | {label(peer, runs[0])} | {median('seconds'):.2f} | "
                         f"{median('cpu_seconds'):.2f} | {stage('knn'):.2f} | {stage('fuzzy_set'):.2f} | "
                         f"{stage('initialization'):.2f} | {stage('descent'):.2f} | {median('trustworthiness'):.4f} |")
    before, after = results["load_average_before"], results["load_average_after"]
    lines.append(f"\nload average (1, 5, 15 min) before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
                 f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}; medians of {len(runs)} run(s)")
    return "\n".join(lines)

if __name__ == "__main__":
    main()
