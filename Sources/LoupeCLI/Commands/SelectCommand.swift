import ArgumentParser
import Foundation
import LoupeCatalog
import LoupeCore

/// `loupe select`: rank a pool of rows by what labeling each is worth.
struct SelectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Rank a pool of rows (by default the unlabeled ones) by what labeling each is worth.",
        discussion: """
            Strategies: random (seeded); least_confidence, margin, entropy (a classification \
            --run's probabilities); detection_uncertainty (a detection --run's boxes scored \
            0.2-0.8, summed binary entropy); k_center (diversity in --space, starting from the \
            labeled rows); similarity (cosine to the --seed-key rows in --space); cluster_balanced \
            (the run's uncertainty, round-robin over k-means clusters of the pool in --space); \
            class_balanced (per-class quotas from the budget planner over the run's model, else \
            even quotas, filled with the most uncertain rows); weighted (--weight margin=0.7 \
            --weight k_center=0.3: rank-normalized scores combined). \
            The pool is the rows --filter selects, by default those without ground truth \
            (label_version = 0); pool rows without an input the strategy reads are left out and \
            counted. Rows are printed best first with their score and a reason (--json adds the \
            score's components); docs/selection.md defines every score.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The dataset.") var dataset: String
    @Option(help: ArgumentHelp("The strategy.", valueName: "name")) var strategy: String
    @Option(help: "How many rows to select.") var budget: Int
    @Option(help: "The run (RUN or MODEL/RUN) whose predictions give the uncertainty.") var run: String?
    @Option(help: "The embedding space (k_center, similarity, cluster_balanced).") var space: String?
    @Option(help: ArgumentHelp("The pool (default: label_version = 0, the rows without ground truth).", valueName: "expr")) var filter: String?
    @Option(help: "The seed of random and of cluster_balanced's k-means.") var seed: UInt64 = 0
    @Option(name: .customLong("seed-key"), help: ArgumentHelp("similarity: a row to find more rows like (repeatable).", valueName: "key"))
    var seedKeys: [String] = []
    @Option(name: .customLong("weight"), help: ArgumentHelp("weighted: a component and its weight (repeatable).", valueName: "strategy=w"))
    var weights: [String] = []
    @Option(help: "cluster_balanced: k-means clusters (default: the budget, at most 1000).") var clusters: Int?
    @Option(help: "k_center: cosine or l2.") var metric = "cosine"
    @OptionGroup var output: OutputOptions

    func validate() throws {
        do throws(RequestFieldError) {
            _ = try SelectionRequest.strategy(named: strategy)
            for weight in weights { _ = try SelectionRequest.weight(parsing: weight) }
        } catch {
            throw ValidationError("\(error.option): \(error.message)")
        }
        guard budget >= 1 else { throw ValidationError("--budget must be at least 1, not \(budget)") }
        guard metric == "cosine" || metric == "l2" else { throw ValidationError("--metric must be cosine or l2, not '\(metric)'") }
        if let clusters, clusters < 1 { throw ValidationError("--clusters must be at least 1, not \(clusters)") }
    }

    func run() async throws {
        let expression = try filter.map(FilterText.parse)
        try await reportingFailures {
            let request = SelectionRequest(
                dataset: dataset, strategy: try SelectionRequest.strategy(named: strategy), budget: budget, run: run, space: space,
                filter: expression, seed: seed, seedKeys: seedKeys, weights: try weights.map { try SelectionRequest.weight(parsing: $0) },
                clusters: clusters, metric: VectorMetric(rawValue: metric)!)
            let selection = try await RowSelector(store: try workspace.openExisting()).select(request)
            if output.json { try Terminal.printJSON(selection); return }
            let left = selection.excluded.map { "; \($0.rows) left out: \($0.reason)" }.joined()
            print("\(selection.strategy): \(selection.rows.count) of \(selection.poolRows) pool rows (\(selection.filter))\(left)")
            for row in selection.rows {
                print(row.key, String(format: "%.4f", row.score), row.reason, separator: "  ")
            }
        }
    }
}
