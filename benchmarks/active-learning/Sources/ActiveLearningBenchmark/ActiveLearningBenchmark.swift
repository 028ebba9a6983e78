import Foundation
import LoupeCore

/// Runs the active-learning loop of every benchmark strategy and seed on one dataset and prints one
/// JSON object (`BenchmarkReport`, snake_case keys).
///
///     ActiveLearningBenchmark --name NAME --train-x X.npy --train-y Y.npy --test-x X.npy --test-y Y.npy
///         --l2 L2 [--metric l2|cosine] [--initial 20] [--batch 20] [--budget 500] [--seeds 0,1,2,3,4]
///         [--clusters 20] [--strategies random,margin,…] [--tolerance 1e-8] [--parallel 1]
///
/// Features are float32 `.npy` (rows × d), labels int64 `.npy` in `0..<K` (K = largest label + 1).
/// The probe is `SoftmaxRegression` with the given `l2` for every fit; `--tolerance` is its
/// gradient tolerance. `--parallel 2` runs (strategy, seed) pairs on two threads; the output does
/// not depend on it (every run is deterministic and they are collected in order).
@main
struct ActiveLearningBenchmark {
    static func main() throws {
        var options: [String: String] = [:]
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let name = arguments.next() {
            guard name.hasPrefix("--"), let value = arguments.next() else { fatalError("bad argument \(name)") }
            options[String(name.dropFirst(2))] = value
        }
        func required(_ name: String) -> String {
            guard let value = options[name] else { fatalError("missing --\(name)") }
            return value
        }
        let started = Date()
        let train = try matrix(required("train-x")), test = try matrix(required("test-x"))
        let trainLabels = try labels(required("train-y")), testLabels = try labels(required("test-y"))
        let classCount = (trainLabels + testLabels).max()! + 1
        let loop = ActiveLearningLoop(
            train: train, trainLabels: trainLabels, test: test, testLabels: testLabels, classCount: classCount,
            l2: Double(required("l2"))!, metric: VectorMetric(rawValue: options["metric"] ?? "l2")!,
            initial: Int(options["initial"] ?? "20")!, batch: Int(options["batch"] ?? "20")!,
            budget: Int(options["budget"] ?? "500")!, clusterCount: Int(options["clusters"] ?? "20")!,
            options: SoftmaxRegression.Options(gradientTolerance: Double(options["tolerance"] ?? "1e-8")!))
        let seeds = (options["seeds"] ?? "0,1,2,3,4").split(separator: ",").map { UInt64($0)! }
        var strategies = BenchmarkStrategy.all
        if let names = options["strategies"]?.split(separator: ",").map(String.init) {
            strategies = strategies.filter { names.contains($0.name) || names.contains($0.strategy.rawValue) }
        }
        let full = try loop.fullData()
        let clusters = seeds.map { loop.clusters(seed: $0) }
        let jobs = seeds.indices.flatMap { s in strategies.map { (strategy: $0, seed: s) } }
        let threads = Int(options["parallel"] ?? "1")!
        var curves: [Result<BenchmarkReport.Curve, any Error>] = []
        for start in stride(from: 0, to: jobs.count, by: threads) {
            let part = jobs[start..<min(start + threads, jobs.count)]
            curves += ConcurrentMap.map(count: part.count) { i in
                let job = part[part.startIndex + i]
                return Result { try loop.run(job.strategy, seed: seeds[job.seed], clusters: clusters[job.seed]) }
            }
        }
        let report = BenchmarkReport(
            dataset: required("name"), trainRows: train.rows, testRows: test.rows, features: train.columns, classes: classCount,
            l2: loop.l2, metric: loop.metric.rawValue, initial: loop.initial, batch: loop.batch, budget: loop.budget,
            clusters: loop.clusterCount, full: full, curves: try curves.map { try $0.get() },
            seconds: Date().timeIntervalSince(started))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    /// A float32 `rows × d` matrix from an `.npy` file.
    static func matrix(_ path: String) throws -> RowMajorMatrix {
        let array = try NumpyArray(path: path)
        guard array.shape.count == 2, !array.floats.isEmpty else {
            throw NumpyArray.Failure(description: "\(path): expected a 2-D float32 array, shape \(array.shape)")
        }
        return RowMajorMatrix(rows: array.shape[0], columns: array.shape[1], values: array.floats)
    }

    /// Int64 class labels from an `.npy` file.
    static func labels(_ path: String) throws -> [Int] {
        let array = try NumpyArray(path: path)
        guard array.shape.count == 1, !array.integers.isEmpty, array.integers.allSatisfy({ $0 >= 0 }) else {
            throw NumpyArray.Failure(description: "\(path): expected 1-D non-negative int64 labels, shape \(array.shape)")
        }
        return array.integers.map(Int.init)
    }
}
