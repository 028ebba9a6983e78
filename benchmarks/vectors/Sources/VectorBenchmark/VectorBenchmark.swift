import Foundation
import LoupeCore

/// Times Loupe's vector indexes on `.npy` inputs and prints one JSON object per line.
///
///     VectorBenchmark --base B.npy --queries Q.npy [--truth T.npy] --index exact|hnsw
///         [--metric inner_product|l2|cosine] [--k 10] [--m 16] [--ef-construction 100]
///         [--ef 16,32,64] [--threads 2] [--seed 100] [--save FILE | --load FILE]
///
/// `--save` writes the built HNSW index's bytes to FILE; `--load` reads them instead of building
/// (to time searches of one graph repeatedly).
///
/// Lines: `{"phase": "build", "seconds", "cpu_seconds", "memory_bytes"}`, then per search setting
/// `{"phase": "search", "ef", "seconds", "cpu_seconds", "qps", "recall"}` (recall@k against
/// `--truth`, the ids of the exact top k per query, when given). CPU seconds are the process's user
/// plus system time (all threads), which a loaded machine inflates less than wall time.
@main
struct VectorBenchmark {
    static func main() throws {
        var options: [String: String] = [:]
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let name = arguments.next() {
            guard name.hasPrefix("--"), let value = arguments.next() else { fatalError("bad argument \(name)") }
            options[String(name.dropFirst(2))] = value
        }
        let base = try NumpyArray(path: options["base"]!)
        let queries = try NumpyArray(path: options["queries"]!)
        let truth = try options["truth"].map { try NumpyArray(path: $0) }
        let metric = VectorMetric(rawValue: options["metric"] ?? "inner_product")!
        let k = Int(options["k"] ?? "10")!
        let dimension = base.shape[1]
        let baseMatrix = RowMajorMatrix(rows: base.shape[0], columns: dimension, values: base.floats)
        let queryMatrix = RowMajorMatrix(rows: queries.shape[0], columns: dimension, values: queries.floats)
        let ids = (0..<Int64(base.shape[0])).map { $0 }
        var index: any VectorIndex
        var hnsw: HNSWIndex?
        let started = Date()
        let startedCPU = cpuSeconds()
        if options["index"] == "hnsw" {
            let parameters = HNSWParameters(m: Int(options["m"] ?? "16")!, efConstruction: Int(options["ef-construction"] ?? "100")!,
                                            seed: UInt64(options["seed"] ?? "100")!, buildThreads: Int(options["threads"] ?? "2")!)
            var built = HNSWIndex(dimension: dimension, metric: metric, parameters: parameters)
            if let load = options["load"] {
                built = try HNSWIndex(serialized: [UInt8](try Data(contentsOf: URL(fileURLWithPath: load))))
            } else {
                try built.add(ids: ids, vectors: baseMatrix)
            }
            hnsw = built
            index = built
        } else {
            var built = ExactVectorIndex(dimension: dimension, metric: metric)
            try built.add(ids: ids, vectors: baseMatrix)
            index = built
        }
        let buildSeconds = Date().timeIntervalSince(started)
        print("{\"phase\": \"build\", \"seconds\": \(buildSeconds), \"cpu_seconds\": \(cpuSeconds() - startedCPU), \"memory_bytes\": \(hnsw?.memoryBytes ?? (base.floats.count * 4 + base.shape[0] * 12))}")
        if let save = options["save"], let hnsw {
            try Data(hnsw.serialized()).write(to: URL(fileURLWithPath: save))
        }
        let efs = (options["ef"] ?? "0").split(separator: ",").map { Int($0)! }
        for ef in efs {
            if var tuned = hnsw {
                tuned.efSearch = ef
                index = tuned
            }
            let searchStarted = Date()
            let searchCPU = cpuSeconds()
            let results = try index.search(queries: queryMatrix, k: k, filter: nil)
            let seconds = Date().timeIntervalSince(searchStarted)
            let cpu = cpuSeconds() - searchCPU
            var recall = -1.0
            if let truth {
                let width = truth.shape[1]
                var found = 0
                for (row, hits) in results.enumerated() {
                    let expected = Set(truth.integers[(row * width)..<(row * width + k)])
                    found += hits.filter { expected.contains($0.id) }.count
                }
                recall = Double(found) / Double(results.count * k)
            }
            print("{\"phase\": \"search\", \"ef\": \(ef), \"seconds\": \(seconds), \"qps\": \(Double(queries.shape[0]) / seconds), \"cpu_seconds\": \(cpu), \"recall\": \(recall)}")
        }
    }

    /// User plus system CPU seconds of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
