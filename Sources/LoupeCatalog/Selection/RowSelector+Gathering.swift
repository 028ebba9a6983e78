import LoupeCore

extension RowSelector {
    /// A strategy's inputs as read from the store. Input rows are the kept pool rows (ascending
    /// id) followed by the extra rows the strategy compares with (labeled centers, seed rows)
    /// that are not in the pool.
    struct Gathered {
        /// The store id of each input row.
        var rowIDs: [Int64] = []
        /// The first `poolCount` input rows are the pool.
        var poolCount = 0
        /// The pool's size before exclusions.
        var poolRows = 0
        /// Pool rows left out.
        var excluded: [RowSelection.Exclusion] = []
        /// The run read.
        var run: (Model, ModelRun)?
        /// The space read.
        var space: EmbeddingSpace?
        /// The dataset's class names by ordinal.
        var classNames: [String] = []
        var probabilities: ProbabilityMatrix?
        var boxScores: [[Double]]?
        var embeddings: RowMajorMatrix?
        var labeled: [Int] = []
        var seeds: [Int] = []
        var clusters: [Int]?
        var quotas: RowSelection.Quotas?

        /// The core inputs.
        func inputs(_ request: SelectionRequest) -> SelectionInputs {
            SelectionInputs(probabilities: probabilities, classNames: classNames.isEmpty ? nil : classNames, boxScores: boxScores,
                            embeddings: embeddings, metric: request.metric, labeled: labeled, seeds: seeds, clusters: clusters,
                            quotas: quotas.map { $0.classes.map(\.quota) }, weights: request.weights, seed: request.seed)
        }
    }

    /// Reads the run, the space and the extra rows, and keeps the pool rows that have every input.
    func gather(_ request: SelectionRequest, needs: Needs, dataset: Dataset, poolIDs: [Int64]) async throws -> Gathered {
        var gathered = Gathered()
        gathered.poolRows = poolIDs.count
        gathered.classNames = try await store.classes(datasetID: dataset.id).sorted { $0.ordinal < $1.ordinal }.map(\.name)
        var kept = poolIDs
        // The run's predictions on the pool.
        var probabilityOf: [Int64: [Float]] = [:]
        var boxesOf: [Int64: [Double]] = [:]
        var classification = false
        if needs.run, let reference = request.run {
            let (model, run) = try await findRun(reference, needs: needs, strategy: request.strategy)
            gathered.run = (model, run)
            classification = model.task == .classification
            if classification {
                guard gathered.classNames.count >= 2 else {
                    throw RequestFieldError.invalid("run", "dataset '\(dataset.name)' has \(gathered.classNames.count) classes: "
                        + "class probabilities need at least 2")
                }
            }
            let members = Set(poolIDs)
            var predicted = Set<Int64>()
            for prediction in try await Page.all({ try await store.predictions(runID: run.id, page: $0) }) where members.contains(prediction.rowID) {
                predicted.insert(prediction.rowID)
                if classification {
                    if probabilityOf[prediction.rowID] == nil, let vector = prediction.probabilities { probabilityOf[prediction.rowID] = vector }
                } else {
                    guard let score = prediction.score else {
                        throw RequestFieldError.invalid("run", "run '\(model.name)/\(run.name)' has a box without a score "
                            + "(row id \(prediction.rowID)): detection uncertainty reads box scores")
                    }
                    boxesOf[prediction.rowID, default: []].append(score)
                }
            }
            if classification {
                let runName = "\(model.name)/\(run.name)"
                exclude(&kept, from: &gathered, reason: "no prediction of run '\(runName)'") { predicted.contains($0) }
                exclude(&kept, from: &gathered, reason: "a prediction of run '\(runName)' without class probabilities") { probabilityOf[$0] != nil }
            }
        }
        // The space's vectors of the dataset's rows.
        var vectorOf: [Int64: Int64] = [:]
        if needs.space, let name = request.space {
            guard let space = try await store.embeddingSpaces().first(where: { $0.name == name }) else {
                throw RequestFieldError.notFound("space", "no embedding space '\(name)'")
            }
            gathered.space = space
            for entry in try await store.embeddingEntries(spaceID: space.id) where entry.objectID == nil && entry.datasetID == dataset.id {
                vectorOf[entry.rowID] = entry.id
            }
            exclude(&kept, from: &gathered, reason: "no vector in space '\(space.name)'") { vectorOf[$0] != nil }
        }
        if kept.isEmpty && !poolIDs.isEmpty {
            throw RequestFieldError.invalid(needs.inputField, "none of the \(poolIDs.count) pool rows has what strategy "
                + "\(request.strategy.rawValue) reads: " + gathered.excluded.map { "\($0.rows) with \($0.reason)" }.joined(separator: ", "))
        }
        gathered.rowIDs = kept
        gathered.poolCount = kept.count
        try await addExtraRows(request, needs: needs, dataset: dataset, vectorOf: vectorOf, to: &gathered)
        let count = gathered.rowIDs.count
        if needs.run && classification {
            let k = gathered.classNames.count
            var values = [Float](repeating: 1 / Float(k), count: count * k)
            for (index, id) in gathered.rowIDs.enumerated() {
                guard let vector = probabilityOf[id] else { continue }
                for c in 0..<k { values[index * k + c] = c < vector.count ? vector[c] : 0 }
            }
            do {
                gathered.probabilities = try ProbabilityMatrix(rows: count, classes: k, values: values)
            } catch {
                throw RequestFieldError.invalid("run", "the run's probabilities: \(error)")
            }
        } else if needs.run {
            gathered.boxScores = gathered.rowIDs.map { boxesOf[$0] ?? [] }
        }
        if let space = gathered.space {
            gathered.embeddings = try await store.embeddingVectors(spaceID: space.id, ids: gathered.rowIDs.map { vectorOf[$0]! })
        }
        if needs.clusters, let embeddings = gathered.embeddings {
            gathered.clusters = try await clusters(of: embeddings, poolCount: gathered.poolCount, request: request)
        }
        return gathered
    }

    /// Keeps the rows of `kept` that `keep` accepts and counts the others under `reason`.
    private func exclude(_ kept: inout [Int64], from gathered: inout Gathered, reason: String, keep: (Int64) -> Bool) {
        let before = kept.count
        kept = kept.filter(keep)
        if kept.count < before { gathered.excluded.append(RowSelection.Exclusion(reason: reason, rows: before - kept.count)) }
    }

    /// The run a reference names, of the task the strategy reads.
    private func findRun(_ reference: String, needs: Needs, strategy: SelectionStrategy) async throws -> (Model, ModelRun) {
        let matches = try await store.runs(matching: reference)
        guard matches.count <= 1 else {
            throw RequestFieldError.invalid("run", "several models have a run '\(reference)': write MODEL/\(reference)")
        }
        guard let (model, run) = matches.first else { throw RequestFieldError.notFound("run", "no run '\(reference)'") }
        let isClassification = model.task == .classification
        if needs.classification && !isClassification {
            throw RequestFieldError.invalid("run", "strategy \(strategy.rawValue) needs a classification run; "
                + "'\(model.name)/\(run.name)' is a \(model.task.rawValue) run")
        }
        if needs.detection && isClassification {
            throw RequestFieldError.invalid("run", "strategy \(strategy.rawValue) needs a detection or segmentation run; "
                + "'\(model.name)/\(run.name)' is a classification run")
        }
        return (model, run)
    }

    /// Appends the labeled rows (`k_center`) and the seed rows (`similarity`) that are not pool rows.
    private func addExtraRows(_ request: SelectionRequest, needs: Needs, dataset: Dataset, vectorOf: [Int64: Int64],
                              to gathered: inout Gathered) async throws {
        var position = Dictionary(uniqueKeysWithValues: gathered.rowIDs.enumerated().map { ($1, $0) })
        var rowIDs = gathered.rowIDs
        func index(of id: Int64) -> Int {
            if let found = position[id] { return found }
            rowIDs.append(id)
            position[id] = rowIDs.count - 1
            return rowIDs.count - 1
        }
        if needs.labeled {
            let labeled = try await store.queryRowIDs(datasetID: dataset.id, filter: FilterParser.parse("label_version > 0"))
            for id in labeled where vectorOf[id] != nil { gathered.labeled.append(index(of: id)) }
        }
        if needs.seeds {
            for key in request.seedKeys {
                guard let row = try await store.row(datasetID: dataset.id, key: key), let id = row.id else {
                    throw RequestFieldError.notFound("seed_keys", "dataset '\(dataset.name)' has no row '\(key)'")
                }
                guard vectorOf[id] != nil else {
                    throw RequestFieldError.invalid("seed_keys", "seed row '\(key)' has no vector in space '\(request.space ?? "")'")
                }
                gathered.seeds.append(index(of: id))
            }
        }
        gathered.rowIDs = rowIDs
    }

    /// Seeded k-means of the pool's vectors (unit-normalized for cosine); one cluster id per input row,
    /// −1 for rows outside the pool.
    private func clusters(of embeddings: RowMajorMatrix, poolCount: Int, request: SelectionRequest) async throws -> [Int] {
        let k = request.clusters ?? max(1, min(request.budget, 1_000))
        guard k >= 1 else { throw RequestFieldError.invalid("clusters", "the number of clusters must be ≥ 1, not \(k)") }
        let d = embeddings.columns
        var values = Array(embeddings.values[0..<(poolCount * d)])
        if request.metric == .cosine {
            for row in 0..<poolCount {
                var norm: Float = 0
                for j in 0..<d { norm += values[row * d + j] * values[row * d + j] }
                guard norm > 0 else { continue }
                let scale = 1 / norm.squareRoot()
                for j in 0..<d { values[row * d + j] *= scale }
            }
        }
        let pool = RowMajorMatrix(rows: poolCount, columns: d, values: values)
        let seed = request.seed
        let fitted = try await BlockingWork.run { KMeans(clusterCount: k, seed: seed).fit(pool) }
        return fitted.labels.map(Int.init) + [Int](repeating: -1, count: embeddings.rows - poolCount)
    }
}
