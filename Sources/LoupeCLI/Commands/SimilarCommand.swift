import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// `loupe similar`: the rows nearest to some rows (or a vector) in an embedding space.
struct SimilarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Find the rows most similar to some rows (or a vector) in an embedding space.",
        discussion: """
            The query is the mean vector of the --key rows, minus the mean of the --negative rows, \
            plus --vector when given. The query rows are never listed. Results are best first with \
            their similarity (cosine unless --metric says otherwise; for l2 the negated squared \
            distance). Spaces under 200,000 vectors are searched exactly; larger ones through an \
            HNSW index. Indexes are kept in WORKSPACE.indexes/ and brought up to date on each use.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset of the keys and the filter.") var dataset: String
    @Option(help: "The embedding space.") var space: String
    @Option(name: .customLong("key"), help: "A row to find more of (repeatable).") var keys: [String] = []
    @Option(name: .customLong("negative"), help: "A row to steer away from (repeatable).") var negatives: [String] = []
    @Option(help: ArgumentHelp("A query vector: comma-separated numbers, or a JSON array.", valueName: "values")) var vector: String?
    @Option(help: "How many rows to list.") var k = 10
    @Option(help: "cosine, inner_product or l2.") var metric = "cosine"
    @Option(help: ArgumentHelp("Only rows of the dataset that this filter selects.", valueName: "expr")) var filter: String?
    @Flag(help: "Search every dataset with vectors in the space.") var allDatasets = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !keys.isEmpty || vector != nil else { throw ValidationError("give at least one --key or a --vector") }
        guard (1...10_000).contains(k) else { throw ValidationError("--k must be from 1 to 10000") }
        guard VectorMetric(rawValue: metric) != nil else { throw ValidationError("--metric must be cosine, inner_product or l2, not '\(metric)'") }
    }

    struct Report: Encodable {
        struct Result: Encodable {
            var key: String
            var score: Double
            /// Present with --all-datasets.
            var dataset: String?
        }
        var results: [Result]
    }

    func run() async throws {
        let expression = try filter.map(FilterText.parse)
        let values = try vector.map(Self.parseVector)
        try await reportingFailures {
            let store = try workspace.openExisting()
            let search = SimilaritySearch(store: store, indexes: SpaceIndexCache(store: store, directory: workspace.indexDirectory, backgroundBuildFrom: .max))
            let matches = try await search.search(space: space, SimilarityQuery(
                positives: keys, negatives: negatives, vector: values, k: k, metric: VectorMetric(rawValue: metric)!,
                dataset: dataset, filter: expression, allDatasets: allDatasets))
            let report = Report(results: matches.map { .init(key: $0.key, score: $0.score, dataset: allDatasets ? $0.dataset : nil) })
            if output.json { try Terminal.printJSON(report); return }
            for match in matches {
                print((allDatasets ? "\(match.dataset)/" : "") + match.key, String(format: "%.6f", match.score), separator: "  ")
            }
        }
    }

    /// `0.1,0.2` or `[0.1, 0.2]`.
    static func parseVector(_ text: String) throws -> [Float] {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] \n"))
        var values: [Float] = []
        for (position, part) in trimmed.split(separator: ",").enumerated() {
            guard let value = Float(part.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ValidationError("--vector: value \(position + 1) ('\(part)') is not a finite number")
            }
            values.append(value)
        }
        guard !values.isEmpty else { throw ValidationError("--vector is empty") }
        return values
    }
}
