import Foundation
import LoupeCatalog
import LoupeCore
import LoupeSQLite

/// A hand-built detection dataset for labeling tests.
///
/// Dataset `street` (classes car, person) with rows `r0…r9` and no ground truth. Run `det/r1`
/// predicts on `r0…r4` a car box `(10, 10, 20, 20)` scoring 0.9 each, and on `r0` also a person
/// box scoring 0.2 (below the project threshold of 0.5, so never a pre-label).
struct LabelingFixture {
    let store: SQLiteStore
    let dataset: Dataset
    let run: ModelRun
    let car: Int64
    let person: Int64
    let rowIDs: [String: Int64]
    static let keys = (0..<10).map { "r\($0)" }
    static let carBox = BoundingBox(x: 10, y: 10, width: 20, height: 20)

    init(_ store: SQLiteStore) async throws {
        self.store = store
        let rows = Self.keys.map { DataRow(key: $0, uri: "\($0).jpg", width: 100, height: 100) }
        _ = try await store.apply(ImportBatch(source: "street", classes: [ClassSpec(name: "car"), ClassSpec(name: "person")], rows: rows),
                                  toDataset: "street", options: ImportOptions())
        var predictions = (0..<5).map { PredictionSpec(rowKey: "r\($0)", className: "car", geometry: .box(Self.carBox), score: 0.9) }
        predictions.append(PredictionSpec(rowKey: "r0", className: "person", geometry: .box(BoundingBox(x: 50, y: 50, width: 5, height: 10)), score: 0.2))
        _ = try await store.apply(ImportBatch(source: "r1", predictions: predictions), toDataset: "street",
                                  options: ImportOptions(modelName: "det", modelTask: .detection, runName: "r1"))
        dataset = try await store.dataset(named: "street")!
        run = try await store.runs(matching: "det/r1")[0].1
        let classes = try await store.classes(datasetID: dataset.id)
        car = classes.first { $0.name == "car" }!.id
        person = classes.first { $0.name == "person" }!.id
        var ids: [String: Int64] = [:]
        for key in Self.keys { ids[key] = try await store.row(datasetID: dataset.id, key: key)!.id }
        rowIDs = ids
    }

    /// A project with pre-labels from `det/r1` at threshold 0.5, holding `keys` at priority 0.
    func project(_ name: String = "p", keys: [String] = LabelingFixture.keys) async throws -> LabelingProject {
        let project = try await store.createLabelingProject(datasetID: dataset.id, name: name, prelabelRunID: run.id, scoreThreshold: 0.5)
        _ = try await store.addLabelingItems(projectID: project.id, items: keys.map { LabelingItemSpec(rowID: rowIDs[$0]!, priority: 0) },
                                             batch: "b1", reprioritize: false)
        return project
    }
}
