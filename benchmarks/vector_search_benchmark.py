"""Vector search side by side: faiss IndexFlatIP, faiss IndexHNSWFlat, hnswlib and Loupe's
ExactVectorIndex and HNSWIndex on the same seeded data; prints a markdown table.

Run (from the repository root, with the venv that has numpy, faiss-cpu 1.15.1 and hnswlib 0.8.0):
    swift build -c release --package-path benchmarks/vectors
    .venv/bin/python benchmarks/vector_search_benchmark.py [--n 1000000] [--dimension 128]
        [--queries 1000] [--m 16] [--ef-construction 100] [--ef 16,32,48,64,96,128] [--threads 2]

Data: a Gaussian mixture of `--clusters` (1,000) centres drawn from N(0, I_d), each point its
centre plus N(0, 0.6² I_d) noise, every vector scaled to unit length (as embeddings are for cosine),
seed `--seed` (7); queries are fresh draws from the same mixture. On unit vectors inner product,
cosine and L2 give the same ranking; every index uses the inner product (hnswlib space "ip").
Ground truth: the exact top 10 of faiss IndexFlatIP. Data and truth are cached in `--cache`.

Each peer runs in its own process under GNU time (peak resident memory, which includes the
base vectors the process loaded: 512 MB at 1M × 128). Besides wall time each reports its CPU
seconds (user + system, all threads): on a shared machine wall time depends on the other load,
CPU time much less. OpenBLAS (faiss's bundled one and the
system one Loupe links) reads OPENBLAS_CORETYPE; the machine may set it to Haswell, which costs
about a third of GEMM speed, so this script removes it from every process's environment alike
(`--keep-coretype` keeps it).
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import timed  # noqa: E402

LOUPE = ROOT / "benchmarks/vectors/.build/release/VectorBenchmark"


def generate(args, cache):
    cache.mkdir(parents=True, exist_ok=True)
    stem = f"n{args.n}_d{args.dimension}_c{args.clusters}_q{args.queries}_s{args.seed}"
    paths = {name: cache / f"{stem}_{name}.npy" for name in ("base", "queries", "truth")}
    if all(p.exists() for p in paths.values()):
        return paths
    rng = np.random.default_rng(args.seed)
    centres = rng.standard_normal((args.clusters, args.dimension), dtype=np.float32)

    def draw(count):
        out = np.empty((count, args.dimension), dtype=np.float32)
        for start in range(0, count, 100_000):
            stop = min(count, start + 100_000)
            labels = rng.integers(0, args.clusters, stop - start)
            block = centres[labels] + 0.6 * rng.standard_normal((stop - start, args.dimension), dtype=np.float32)
            block /= np.linalg.norm(block, axis=1, keepdims=True)
            out[start:stop] = block
        return out

    np.save(paths["base"], draw(args.n))
    np.save(paths["queries"], draw(args.queries))
    import faiss
    base, queries = np.load(paths["base"]), np.load(paths["queries"])
    index = faiss.IndexFlatIP(args.dimension)
    index.add(base)
    _, truth = index.search(queries, 100)
    np.save(paths["truth"], truth.astype(np.int64))
    return paths


def peer(args):
    """Runs one Python peer inside this process; prints JSON lines like Loupe's executable."""
    import faiss
    faiss.omp_set_num_threads(args.threads)
    base, queries = np.load(args.base), np.load(args.query_file)
    truth = np.load(args.truth)[:, :args.k]
    efs = [int(e) for e in args.ef.split(",")]

    def recall(ids):
        return float(np.mean([len(set(ids[i]) & set(truth[i])) / args.k for i in range(len(ids))]))

    started, cpu = time.perf_counter(), time.process_time()
    if args.peer == "faiss-flat":
        index = faiss.IndexFlatIP(base.shape[1])
        index.add(base)
    elif args.peer == "faiss-hnsw":
        index = faiss.IndexHNSWFlat(base.shape[1], args.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = args.ef_construction
        index.add(base)
    else:
        import hnswlib
        index = hnswlib.Index(space="ip", dim=base.shape[1])
        index.init_index(max_elements=len(base), M=args.m, ef_construction=args.ef_construction, random_seed=100)
        index.add_items(base, np.arange(len(base)), num_threads=args.threads)
    print(json.dumps({"phase": "build", "seconds": time.perf_counter() - started,
                      "cpu_seconds": time.process_time() - cpu}), flush=True)
    for ef in ([0] if args.peer == "faiss-flat" else efs):
        started, cpu = time.perf_counter(), time.process_time()
        if args.peer == "faiss-flat":
            _, ids = index.search(queries, args.k)
        elif args.peer == "faiss-hnsw":
            index.hnsw.efSearch = max(ef, args.k)
            _, ids = index.search(queries, args.k)
        else:
            index.set_ef(max(ef, args.k))
            ids, _ = index.knn_query(queries, k=args.k, num_threads=args.threads)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(json.dumps({"phase": "search", "ef": ef, "seconds": seconds, "qps": len(queries) / seconds,
                          "cpu_seconds": cpu, "recall": recall(ids)}), flush=True)


def run(command, env):
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        seconds, peak, out = timed(command)
    finally:
        os.environ.clear()
        os.environ.update(old)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return lines, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dimension", type=int, default=128)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=100)
    parser.add_argument("--ef", default="16,32,48,64,96,128")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", default="/tmp/loupe-vector-benchmark")
    parser.add_argument("--only", default="faiss-flat,loupe-exact,faiss-hnsw,hnswlib,loupe-hnsw")
    parser.add_argument("--keep-coretype", action="store_true")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--truth", help=argparse.SUPPRESS)
    parser.add_argument("--query-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        return peer(args)

    paths = generate(args, Path(args.cache))
    env = dict(os.environ)
    coretype = env.get("OPENBLAS_CORETYPE")
    if not args.keep_coretype:
        env.pop("OPENBLAS_CORETYPE", None)
    env["OMP_NUM_THREADS"] = str(args.threads)
    env["OPENBLAS_NUM_THREADS"] = str(args.threads)
    if not LOUPE.exists():
        sys.exit(f"build Loupe's benchmark first: swift build -c release --package-path benchmarks/vectors ({LOUPE})")
    common = ["--base", str(paths["base"]), "--truth", str(paths["truth"]), "--k", str(args.k), "--m", str(args.m),
              "--ef-construction", str(args.ef_construction), "--ef", args.ef, "--threads", str(args.threads)]
    rows = []
    for name in args.only.split(","):
        if name.startswith("loupe"):
            command = [str(LOUPE), "--index", name.split("-")[1], "--queries", str(paths["queries"]),
                       "--metric", "inner_product"] + common + (["--ef", "0"] if name == "loupe-exact" else [])
        else:
            command = [sys.executable, __file__, "--peer", name, "--query-file", str(paths["queries"])] + common
        lines, peak = run(command, env)
        build = next(line for line in lines if line["phase"] == "build")
        for line in (line for line in lines if line["phase"] == "search"):
            rows.append((name, build["seconds"], build.get("cpu_seconds", 0), line["ef"], line["qps"],
                         line.get("cpu_seconds", 0), line["recall"], peak))
            print(f"{name} ef={line['ef']}: build {build['seconds']:.1f} s (CPU {build.get('cpu_seconds', 0):.1f} s), "
                  f"{line['qps']:.0f} q/s ({line['seconds']:.3f} s, CPU {line.get('cpu_seconds', 0):.3f} s), "
                  f"recall@{args.k} {line['recall']:.4f}, peak {peak:.0f} MiB", file=sys.stderr, flush=True)
    print(f"\n{args.n:,} × {args.dimension} float32 (Gaussian mixture, unit length), {args.queries:,} queries, "
          f"k = {args.k}, {args.threads} threads, OPENBLAS_CORETYPE "
          f"{'kept as ' + repr(coretype) if args.keep_coretype else 'unset (was ' + repr(coretype) + ')'}\n")
    print("| index | build s (CPU s) | ef | queries/s | search CPU s | recall@10 | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    for name, build, build_cpu, ef, qps, cpu, recall, peak in rows:
        print(f"| {name} | {build:.1f} ({build_cpu:.1f}) | {ef if ef else '—'} | {qps:,.0f} | {cpu:.3f} | {recall:.4f} | {peak:,.0f} |")


if __name__ == "__main__":
    main()
