import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// `loupe project`: a 2-D layout (PCA or UMAP) of a dataset's rows in an embedding space.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Lay a space's row vectors out in 2-D (PCA or UMAP) and print a dataset's points.",
        discussion: """
            The layout covers every row vector of the space (all datasets) and is stored in the \
            workspace: the next call with the same parameters on the same vectors prints it \
            without recomputing. UMAP is our own implementation of umap-learn's algorithm (k-NN \
            graph, fuzzy simplicial set, spectral initialization, negative-sampling SGD), seeded \
            and deterministic: the same seed gives the same layout.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset whose points to print.") var dataset: String
    @Option(help: "The embedding space.") var space: String
    @Option(help: "umap or pca.") var method = "umap"
    @Option(help: "UMAP: neighbours per point (2-200).") var neighbors = 15
    @Option(help: "UMAP: minimum distance between points (0-1).") var minDistance = 0.1
    @Option(help: "UMAP: cosine or l2 neighbours.") var metric = "cosine"
    @Option(help: "UMAP: epochs (default 500 up to 10,000 points, else 200).") var epochs: Int?
    @Option(help: "The seed.") var seed: UInt64 = 0
    @Flag(help: "Compute again even when a stored layout matches.") var recompute = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard Projection.Method(rawValue: method) != nil else { throw ValidationError("--method must be umap or pca, not '\(method)'") }
        guard VectorMetric(rawValue: metric) != nil else { throw ValidationError("--metric must be cosine or l2, not '\(metric)'") }
    }

    struct Report: Encodable {
        struct Point: Encodable {
            var key: String
            var x: Double
            var y: Double
        }
        var points: [Point]
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openExisting()
            guard let found = try await store.dataset(named: dataset) else { throw CLIError.notFound("no dataset '\(dataset)'") }
            guard let space = try await store.embeddingSpaces().first(where: { $0.name == space }) else {
                throw CLIError.notFound("no embedding space '\(self.space)'")
            }
            let request = ProjectionRequest(method: Projection.Method(rawValue: method)!, neighbors: neighbors, minDistance: minDistance,
                                            metric: VectorMetric(rawValue: metric)!, epochs: epochs, seed: seed)
            let projection = try await ProjectionBuilder(store: store).projection(of: space, request, recompute: recompute)
            let points = try await store.projectionPoints(projectionID: projection.id, datasetID: found.id)
            let keys = try await store.keys(datasetID: found.id, rowIDs: points.map(\.rowID))
            let report = Report(points: points.compactMap { point in keys[point.rowID].map { .init(key: $0, x: point.x, y: point.y) } })
            if output.json { try Terminal.printJSON(report); return }
            for point in report.points { print(point.key, String(format: "%.6f", point.x), String(format: "%.6f", point.y), separator: "  ") }
        }
    }
}
