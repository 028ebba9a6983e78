import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe slices discover`: slices where a run does significantly worse.
struct SlicesDiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find slices where a run does significantly worse than on the rest of the dataset.",
        discussion: """
            Candidates: every value of a text field (split, metadata), every quartile bin of a \
            numeric one (width, height, gt.count, metadata), every pair of those, and with --space \
            the --clusters k-means clusters of an embedding space. Each is tested against the rest \
            (two-proportion z-test for correct, Welch's t-test for other metrics); \
            Benjamini-Hochberg across all candidates at --level. Listed by effect, then size. \
            --save NAME saves the first one that a filter can describe as a slice.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @OptionGroup var selection: RunSelection
    @Option(help: "The evaluation's key.") var key = "default"
    @Option(help: ArgumentHelp("The per-row metric (default correct for classification, errors for detection).", valueName: "name"))
    var metric: String?
    @Option(help: "An embedding space whose clusters are candidates too.") var space: String?
    @Option(help: "Clusters of --space.") var clusters = 8
    @Option(help: "The least rows a slice (and the rest) may have.") var minSize = 30
    @Option(help: "The false discovery rate.") var level = 0.05
    @Option(help: "Save the first slice a filter describes under this name.") var save: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let metric, RunMetricImportance.Metric(rawValue: metric) == nil {
            throw ValidationError("--metric must be one of \(RunMetricImportance.Metric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard minSize >= 2, level > 0, level < 1, clusters >= 2 else { throw ValidationError("--min-size ≥ 2, 0 < --level < 1, --clusters ≥ 2") }
    }

    struct Report: Encodable {
        var metric: String
        var tested: Int
        var slices: [RunSliceDiscovery.Summary]
        var saved: String?
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            let (_, run) = try await selection.resolve(in: store)
            guard let evaluation = try await store.evaluation(runID: run.id, key: key) else {
                throw CLIError.notFound("run '\(run.name)' has no evaluation '\(key)' (loupe runs eval stores one)")
            }
            let chosen = metric.flatMap(RunMetricImportance.Metric.init(rawValue:)) ?? .default(for: evaluation.kind)
            var embedding: (space: EmbeddingSpace, k: Int)?
            if let space {
                guard let named = try await store.embeddingSpaces().first(where: { $0.name == space }) else {
                    throw CLIError.notFound("no embedding space '\(space)'")
                }
                embedding = (named, clusters)
            }
            let (tested, slices) = try await RunSliceDiscovery.discover(
                store: store, dataset: dataset, evaluation: evaluation, metric: chosen, clusters: embedding, minimumSize: minSize, level: level)
            var saved: String?
            if let save, let first = slices.first(where: { $0.filter != nil }), let filter = first.filter {
                _ = try await store.saveSlice(datasetID: found.id, name: save, filter: filter, replace: false)
                saved = filter
            } else if let save {
                throw CLIError.notFound("no discovered slice has a filter to save as '\(save)'")
            }
            let report = Report(metric: chosen.rawValue, tested: tested, slices: slices.map(RunSliceDiscovery.Summary.init), saved: saved)
            if output.json { try Terminal.printJSON(report); return }
            print("\(slices.count) of \(tested) candidate slices are significantly worse in \(chosen.rawValue) (q < \(level)):")
            for slice in report.slices {
                print(slice.name + "  \(slice.rows) rows  " + String(format: "%.4f vs %.4f  effect %+.4f [%+.4f, %+.4f]  q %.2g",
                                                                      slice.value, slice.rest, slice.effect, slice.lower, slice.upper, slice.qValue))
            }
            if let save, let saved { print("saved '\(save)': \(saved)") }
        }
    }
}
