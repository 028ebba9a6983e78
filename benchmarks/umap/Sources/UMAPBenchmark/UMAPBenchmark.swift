import Foundation
import LoupeCore

/// Times Loupe's UMAP on a `.npy` matrix and prints one JSON object.
///
///     UMAPBenchmark --data X.npy --out LAYOUT.npy [--knn exact|hnsw] [--k 14] [--seed 0]
///         [--threads 2] [--epochs N] [--negative-rate 5] [--m 16] [--ef-construction 100] [--ef 64]
///         [--hnsw-threads 2] [--recall 1]
///
/// `--k 14` matches umap-learn's `n_neighbors = 15`, which counts the point itself. `--knn hnsw`
/// builds the graph with ``HNSWIndex/neighborGraph(of:k:metric:parameters:)`` (`--m`,
/// `--ef-construction`, `--ef`, `--hnsw-threads`); `--recall 1` also builds the exact graph and
/// reports the approximate graph's recall against it (not timed). The layout is written as a
/// float32 `.npy` of `n × 2`.
///
/// Keys: `n`, `knn`, `knn_seconds`, `knn_cpu_seconds`, `fuzzy_set_seconds`,
/// `initialization_seconds`, `descent_seconds`, `embed_seconds`, `embed_cpu_seconds`,
/// `total_seconds`, `cpu_seconds` (user plus system time of all threads), `recall` (or -1).
@main
struct UMAPBenchmark {
    static func main() throws {
        var options: [String: String] = [:]
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let name = arguments.next() {
            guard name.hasPrefix("--"), let value = arguments.next() else { fatalError("bad argument \(name)") }
            options[String(name.dropFirst(2))] = value
        }
        let input = try NumpyArray(path: options["data"]!)
        let data = RowMajorMatrix(rows: input.shape[0], columns: input.shape[1], values: input.floats)
        let k = Int(options["k"] ?? "14")!
        let knn = options["knn"] ?? "exact"
        var umap = UMAP(seed: UInt64(options["seed"] ?? "0")!)
        umap.threads = Int(options["threads"] ?? "2")!
        umap.epochs = options["epochs"].map { Int($0)! }
        umap.negativeSampleRate = Int(options["negative-rate"] ?? "5")!
        let parameters = HNSWParameters(m: Int(options["m"] ?? "16")!, efConstruction: Int(options["ef-construction"] ?? "100")!,
                                        efSearch: Int(options["ef"] ?? "64")!, seed: 100,
                                        buildThreads: Int(options["hnsw-threads"] ?? "2")!)
        let started = Date()
        let startedCPU = cpuSeconds()
        let graph = knn == "hnsw"
            ? try HNSWIndex.neighborGraph(of: data, k: k, metric: .l2, parameters: parameters)
            : try ExactVectorIndex.neighborGraph(of: data, k: k, metric: .l2)
        let knnSeconds = Date().timeIntervalSince(started)
        let knnCPU = cpuSeconds() - startedCPU
        var stages = UMAP.StageTimes()
        let embedStarted = Date()
        let layout = umap.embed(graph, data: data, stageTimes: &stages)
        let embedSeconds = Date().timeIntervalSince(embedStarted)
        let total = Date().timeIntervalSince(started)
        let cpu = cpuSeconds() - startedCPU
        var recall = -1.0
        if options["recall"] == "1" && knn == "hnsw" {
            let exact = try ExactVectorIndex.neighborGraph(of: data, k: k, metric: .l2)
            var found = 0
            for row in 0..<data.rows {
                let expected = Set(exact.neighbors(of: row))
                found += graph.neighbors(of: row).filter { expected.contains($0) }.count
            }
            recall = Double(found) / Double(data.rows * k)
        }
        if let out = options["out"] { try writeNumpy(layout, to: out) }
        print("{\"n\": \(data.rows), \"knn\": \"\(knn)\", \"knn_seconds\": \(knnSeconds), \"knn_cpu_seconds\": \(knnCPU), "
              + "\"fuzzy_set_seconds\": \(stages.fuzzySet), \"initialization_seconds\": \(stages.initialization), "
              + "\"descent_seconds\": \(stages.descent), \"embed_seconds\": \(embedSeconds), "
              + "\"embed_cpu_seconds\": \(cpu - knnCPU), \"total_seconds\": \(total), \"cpu_seconds\": \(cpu), "
              + "\"threads\": \(umap.threads), \"recall\": \(recall)}")
    }

    /// Writes `matrix` as a float32 C-order `.npy` (format 1.0).
    static func writeNumpy(_ matrix: RowMajorMatrix, to path: String) throws {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        matrix.values.withUnsafeBytes { bytes += $0 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// User plus system CPU seconds of this process (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
