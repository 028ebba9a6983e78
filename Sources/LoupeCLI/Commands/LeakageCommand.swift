import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// `loupe leakage`: held-out rows with a near-duplicate in training, in an embedding space.
struct LeakageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leakage",
        abstract: "List held-out rows (validation, test) that have a near-duplicate among the training rows in an embedding space.",
        discussion: """
            Each held-out row's k nearest rows are searched (exactly up to 50,000 rows, by HNSW \
            above); a pair is leakage when the neighbour is a training row and the similarity is at \
            least --similarity (cosine; for l2, minus the squared distance). Pairs are listed most \
            similar first, with per-split counts of leaked rows. A model evaluated on leaked rows \
            is partly evaluated on its training data.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The embedding space.") var space: String
    @Option(help: "The similarity from which a pair is a near-duplicate.") var similarity = 0.98
    @Option(help: "Neighbours searched per row (1-200).") var k = 10
    @Option(help: "cosine or l2.") var metric = "cosine"
    @Option(help: "The splits counted as training, comma-separated.") var training = "train"
    @Option(help: "The held-out splits, comma-separated, in report order.") var heldOut = "validation,test"
    @Option(help: "At most this many pairs.") var limit = 100
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard VectorMetric(rawValue: metric) != nil, metric != "inner_product" else {
            throw ValidationError("--metric must be cosine or l2, not '\(metric)'")
        }
        guard (1...200).contains(k) else { throw ValidationError("--k must be from 1 to 200, not \(k)") }
        guard similarity.isFinite else { throw ValidationError("--similarity must be a number") }
        guard !Self.names(training).isEmpty, !Self.names(heldOut).isEmpty else {
            throw ValidationError("--training and --held-out each need at least one split name")
        }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
    }

    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    struct Report: Encodable {
        struct Split: Encodable {
            var split: String
            var rows: Int
            var leakedRows: Int
            var share: Double
        }
        struct Pair: Encodable {
            var heldOut: String
            var heldOutSplit: String
            var training: String
            var similarity: Double
        }
        var space: String
        var threshold: Double
        var splits: [Split]
        var leakedRows: Int
        var pairCount: Int
        var pairs: [Pair]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            guard let space = try await store.embeddingSpaces().first(where: { $0.name == self.space }) else {
                throw CLIError.notFound("no embedding space '\(self.space)'")
            }
            let result = try await LeakageFinder(store: store).find(
                space: space, dataset: found, threshold: similarity, k: k, metric: VectorMetric(rawValue: metric)!,
                trainingSplits: Set(Self.names(training)), heldOutSplits: Self.names(heldOut))
            let report = result.report
            let printed = Report(
                space: space.name, threshold: report.threshold,
                splits: report.splits.map { .init(split: $0.split, rows: $0.rows, leakedRows: $0.leakedRows, share: $0.share) },
                leakedRows: report.leakedRows.count, pairCount: report.pairs.count,
                pairs: report.pairs.prefix(limit).map {
                    .init(heldOut: result.keys[$0.heldOutRow], heldOutSplit: $0.heldOutSplit, training: result.keys[$0.trainingRow],
                          similarity: $0.similarity)
                })
            if output.json { try Terminal.printJSON(printed); return }
            for split in printed.splits {
                print("\(split.split): \(split.leakedRows) of \(split.rows) rows have a training near-duplicate (\(String(format: "%.1f", split.share * 100))%)")
            }
            for pair in printed.pairs {
                print(pair.heldOut, pair.heldOutSplit, pair.training, String(format: "%.4f", pair.similarity), separator: "  ")
            }
        }
    }
}
