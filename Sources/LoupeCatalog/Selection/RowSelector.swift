import Foundation
import LoupeCore

/// Ranks a pool of a dataset's rows by what labeling each is worth: gathers a
/// `SelectionStrategy`'s inputs from the store (a run's probabilities or box scores, a space's
/// vectors, the labeled rows, seed rows, k-means clusters, class quotas), runs the strategy, and
/// returns the rows by key, best first. `loupe select` and `POST /datasets/{dataset}/selections`.
///
/// - The pool is the rows the request's filter selects, by default those without ground truth
///   (`label_version = 0`). Pool rows without an input the strategy reads (no prediction of the
///   run, no probability vector, no vector in the space) are left out and counted in
///   `RowSelection.excluded`; a detection row without predictions has no uncertain boxes and
///   stays (score 0).
/// - `k_center` starts from every labeled row (`label_version > 0`) that has a vector;
///   `similarity` compares with the seed rows' vectors; `cluster_balanced` clusters the pool's
///   vectors by seeded k-means (spherical for cosine) into `clusters` groups (default the budget,
///   at most 1,000: Zhdanov's one cluster per pick); `class_balanced` fills per-class quotas from
///   the budget planner over the run's model, or even quotas when the planner has no fitted curve
///   (see `quotas`).
/// - Equal requests on equal data give equal answers (seeded randomness, stable ties).
///
/// `docs/selection.md` documents each strategy's score and how the inputs are found.
public struct RowSelector<S: Store>: Sendable {
    /// The store read.
    public let store: S

    /// A selector over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The best `request.budget` rows of the pool.
    /// - Throws: `RequestFieldError` naming the field at fault (an unknown dataset, run, space or
    ///   seed key; a missing run or space the strategy needs; a run of the wrong task; a pool with
    ///   none of the inputs; bad weights), or a `StoreError` of the store.
    /// - Complexity: one read of the pool, the run's predictions and the pool's vectors, then the
    ///   strategy's own cost.
    public func select(_ request: SelectionRequest) async throws -> RowSelection {
        guard request.budget >= 0 else { throw RequestFieldError.invalid("budget", "the budget must be ≥ 0, not \(request.budget)") }
        guard let dataset = try await store.dataset(named: request.dataset) else {
            throw RequestFieldError.notFound("dataset", "no dataset '\(request.dataset)'")
        }
        let needs = try Needs(request)
        let filter = try request.filter ?? FilterParser.parse(SelectionRequest.unlabeledFilterText)
        let poolIDs: [Int64]
        do {
            poolIDs = try await store.queryRowIDs(datasetID: dataset.id, filter: filter)
        } catch let error as StoreError {
            throw RequestFieldError(code: error.code, field: "filter", message: error.message)
        }
        var gathered = try await gather(request, needs: needs, dataset: dataset, poolIDs: poolIDs)
        if needs.quotas, let run = gathered.run {
            gathered.quotas = try await quotas(model: run.0, dataset: dataset, classNames: gathered.classNames, budget: request.budget)
        }
        let inputs = gathered.inputs(request)
        let pool = Array(0..<gathered.poolCount)
        let selected: [SelectedRow]
        do {
            let strategy = request.strategy, budget = request.budget
            selected = try await BlockingWork.run { try strategy.select(pool: pool, budget: budget, inputs: inputs) }
        } catch let error as SelectionInputError {
            let at = error.row.map { "row \(gathered.rowIDs.indices.contains($0) ? "id \(gathered.rowIDs[$0])" : "\($0)"): " } ?? ""
            throw RequestFieldError.invalid(needs.inputField, "\(request.strategy.rawValue) cannot run on this pool: \(at)\(error.reason)")
        }
        return try await result(request, dataset: dataset, filter: filter, gathered: gathered, selected: selected)
    }

    /// Turns selected input indices into keyed rows.
    private func result(_ request: SelectionRequest, dataset: Dataset, filter: FilterExpression, gathered: Gathered,
                        selected: [SelectedRow]) async throws -> RowSelection {
        let rewritesRows = request.strategy == .kCenter || request.strategy == .similarity
        var referenced = Set(selected.map(\.index))
        if rewritesRows { for row in selected { referenced.formUnion(Self.rowReferences(in: row.reason)) } }
        let ids = referenced.filter { gathered.rowIDs.indices.contains($0) }.sorted().map { gathered.rowIDs[$0] }
        let keys = try await store.keys(datasetID: dataset.id, rowIDs: ids)
        func key(_ index: Int) -> String? {
            gathered.rowIDs.indices.contains(index) ? keys[gathered.rowIDs[index]] : nil
        }
        let rows = selected.map { row in
            var components: [String: Double] = [:]
            // `seed` is an input index: the reason names the seed row by key instead.
            for component in row.components where component.name != "seed" { components[component.name] = component.value }
            return RowSelection.Row(key: key(row.index) ?? "", score: row.score,
                                    reason: rewritesRows ? Self.keyed(row.reason, key: key) : row.reason, components: components)
        }
        return RowSelection(dataset: dataset.name, strategy: request.strategy.rawValue, budget: request.budget, filter: filter.description,
                            run: gathered.run.map { "\($0.0.name)/\($0.1.name)" }, space: gathered.space?.name,
                            poolRows: gathered.poolRows, excluded: gathered.excluded, quotas: gathered.quotas, rows: rows)
    }

    /// The input indices a core reason names as `row N`.
    static func rowReferences(in reason: String) -> [Int] {
        var found: [Int] = []
        _ = replacingRowReferences(in: reason) { index in
            found.append(index)
            return nil
        }
        return found
    }

    /// `reason` with every `row N` (an input index) written as `row KEY`.
    static func keyed(_ reason: String, key: (Int) -> String?) -> String {
        replacingRowReferences(in: reason, with: key)
    }

    /// Replaces each `row N` whose index `replacement` maps to a key; leaves the rest as it was.
    private static func replacingRowReferences(in text: String, with replacement: (Int) -> String?) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "row ") {
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let index = Int(digits) else { continue }
            if let key = replacement(index) {
                output += key
                rest = rest.dropFirst(digits.count)
            }
        }
        return output + rest
    }
}
