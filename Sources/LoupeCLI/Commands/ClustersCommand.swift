import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// `loupe clusters`: k-means clusters of a dataset in an embedding space, with a run's metric per cluster.
struct ClustersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Cluster a dataset's rows in an embedding space (k-means++) and show where a run does worse.",
        discussion: """
            With --run, each cluster gets the run's per-row metric (accuracy for classification; \
            for detection the share TP / (TP + FP + FN) of each row) with a bootstrap interval, \
            against the whole dataset; a cluster is flagged when the interval of its difference \
            lies below 0. Clusters are listed worst first. The same seed gives the same clusters.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: "The embedding space.") var space: String
    @Option(help: "Clusters (2-1000).") var k = 8
    @Option(help: "cosine (normalized vectors) or l2.") var metric = "cosine"
    @Option(help: "The seed of k-means++ and the bootstrap.") var seed: UInt64 = 0
    @Option(help: "A run (RUN or MODEL/RUN) whose evaluation gives each row's outcome.") var run: String?
    @Option(help: "The evaluation key of the run.") var key = "default"
    @Option(help: "Bootstrap resamples.") var bootstrap = 1000
    @Option(help: "Keys listed per cluster.") var keys = 5
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard ["cosine", "l2"].contains(metric) else { throw ValidationError("--metric must be cosine or l2, not '\(metric)'") }
        guard bootstrap >= 0, keys >= 0 else { throw ValidationError("--bootstrap and --keys must not be negative") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            guard let space = try await store.embeddingSpaces().first(where: { $0.name == space }) else {
                throw CLIError.notFound("no embedding space '\(self.space)'")
            }
            let model = try await run.asyncMap { try await RunsCompareCommand.findRun($0, in: store).1 }
            let result = try await ClusterAnalysis(store: store).analyze(
                space: space, dataset: found, k: k, metric: VectorMetric(rawValue: metric)!, seed: seed, run: model,
                evaluationKey: key, resamples: bootstrap)
            let report = ClusterReport(result, k: k, keysPerCluster: keys)
            if output.json { try Terminal.printJSON(report); return }
            if let overall = report.overall, let name = report.metric { print("\(name) over the dataset: \(String(format: "%.4f", overall.value))") }
            for cluster in report.clusters {
                var line = "cluster \(cluster.id)  \(cluster.size) rows"
                if let metric = cluster.metric { line += String(format: "  %.4f", metric.value) }
                if let difference = cluster.difference { line += String(format: "  %+.4f", difference.value) }
                if let lower = cluster.difference?.lower, let upper = cluster.difference?.upper { line += String(format: " [%+.4f, %+.4f]", lower, upper) }
                if cluster.significantlyWorse { line += "  worse" }
                print(line + "  e.g. " + cluster.keys.joined(separator: ", "))
            }
        }
    }
}
