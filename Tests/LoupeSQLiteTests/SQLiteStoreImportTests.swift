import Foundation
import GRDB
import LoupeCatalog
import LoupeCore
@testable import LoupeSQLite
import Testing

@Suite("SQLite store: imports")
struct SQLiteStoreImportTests {
    static let mask = RunLengthMask(height: 4, width: 3, counts: [1, 2, 3, 6])

    static func detectionBatch() -> ImportBatch {
        ImportBatch(
            source: "test.json",
            classes: [ClassSpec(name: "cat", color: "#FF0000"), ClassSpec(name: "dog")],
            rows: [
                DataRow(key: "a.jpg", uri: "a.jpg", width: 640, height: 480, split: "train",
                        metadata: ["camera": .string("x100"), "night": .bool(true), "iso": .number(800),
                                   "taken": .date(Date(timeIntervalSince1970: 1_700_000_000))], tags: ["b", "a"]),
                DataRow(key: "b.jpg", uri: "b.jpg", width: 320, height: 240),
                DataRow(key: "c.jpg"),
            ],
            annotations: [
                AnnotationSpec(rowKey: "a.jpg", className: "cat", geometry: .box(BoundingBox(x: 1, y: 2, width: 3, height: 4)), area: 12),
                AnnotationSpec(rowKey: "a.jpg", className: "dog", geometry: .polygon(Polygon(rings: [[0, 0, 10, 0, 10, 10.5]]))),
                AnnotationSpec(rowKey: "b.jpg", className: "cat", geometry: .mask(mask), isCrowd: true, attributes: ["occluded": .bool(true)]),
                AnnotationSpec(rowKey: "b.jpg", className: "dog", geometry: .point(x: 5, y: 6), author: "ann"),
                AnnotationSpec(rowKey: "c.jpg", className: "bird", geometry: .none),
            ])
    }

    @Test("every geometry kind, metadata type and tag survives a write and a read")
    func roundTrip() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        let report = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions(author: "importer"))
        #expect(report.rowsCreated == 3 && report.annotations == 5 && report.classesAdded == 3)
        let dataset = try #require(try await store.dataset(named: "pets"))
        let classes = try await store.classes(datasetID: dataset.id)
        #expect(classes.map(\.name) == ["cat", "dog", "bird"])
        #expect(classes.map(\.ordinal) == [0, 1, 2])
        #expect(classes[0].color == "#ff0000")
        let rowA = try #require(try await store.row(datasetID: dataset.id, key: "a.jpg"))
        #expect(rowA.tags == ["a", "b"] && rowA.width == 640 && rowA.split == "train" && rowA.labelVersion == 1)
        #expect(rowA.metadata == Self.detectionBatch().rows[0].metadata)
        let annotations = try await store.annotations(datasetID: dataset.id, allVersions: false, page: PageRequest())
        #expect(annotations.items.map(\.geometry) == Self.detectionBatch().annotations.map(\.geometry))
        #expect(annotations.items[0].area == 12)
        #expect(annotations.items[2].isCrowd && annotations.items[2].attributes == ["occluded": .bool(true)])
        #expect(annotations.items.map(\.author) == ["importer", "importer", "importer", "ann", "importer"])
        #expect(annotations.items[4].classID == classes[2].id)
    }

    @Test("importing ground truth twice is refused without --replace and leaves the store untouched")
    func conflictWithoutReplace() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        var second = Self.detectionBatch()
        second.rows.append(DataRow(key: "new.jpg"))
        await #expect(throws: StoreError.self) {
            _ = try await store.apply(second, toDataset: "pets", options: ImportOptions())
        }
        let statistics = try await store.statistics()
        #expect(statistics.first?.rows == 3)
        #expect(statistics.first?.annotations == 5)
    }

    @Test("--replace records the new labels as the next label version and keeps the old one")
    func replaceMakesNewLabelVersion() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let relabel = ImportBatch(source: "fix.json", annotations: [
            AnnotationSpec(rowKey: "a.jpg", className: "dog", geometry: .box(BoundingBox(x: 0, y: 0, width: 1, height: 1))),
        ])
        let report = try await store.apply(relabel, toDataset: "pets", options: ImportOptions(replace: true))
        #expect(report.rowsRelabeled == 1 && report.annotations == 1)
        let dataset = try #require(try await store.dataset(named: "pets"))
        let row = try #require(try await store.row(datasetID: dataset.id, key: "a.jpg"))
        #expect(row.labelVersion == 2)
        let current = try await store.annotations(rowID: row.id!)
        #expect(current.count == 1 && current[0].labelVersion == 2)
        let all = try await store.annotations(datasetID: dataset.id, allVersions: true, page: PageRequest())
        #expect(all.items.count == 6)
        #expect(try await store.statistics().first?.annotations == 4)
    }

    @Test("a failure late in an import writes nothing at all")
    func allOrNothing() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        var batch = Self.detectionBatch()
        batch.predictions = [PredictionSpec(rowKey: "missing.jpg", className: "cat", geometry: .none, score: 0.5)]
        await #expect(throws: StoreError.self) {
            _ = try await store.apply(batch, toDataset: "pets", options: ImportOptions(modelName: "m", runName: "r"))
        }
        #expect(try await store.datasets().isEmpty)
        #expect(try await store.models().isEmpty)
    }

    @Test("rows are upserted by key: given fields overwrite, missing fields and labels stay, metadata merges")
    func upsertMerges() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let update = ImportBatch(source: "meta.jsonl", rows: [
            DataRow(key: "a.jpg", split: "val", metadata: ["iso": .number(1600), "lens": .string("35mm")], tags: ["c"]),
        ])
        let report = try await store.apply(update, toDataset: "pets", options: ImportOptions())
        #expect(report.rowsUpdated == 1 && report.rowsCreated == 0)
        let dataset = try #require(try await store.dataset(named: "pets"))
        let row = try #require(try await store.row(datasetID: dataset.id, key: "a.jpg"))
        #expect(row.width == 640 && row.uri == "a.jpg" && row.split == "val" && row.labelVersion == 1)
        #expect(row.metadata["iso"] == .number(1600) && row.metadata["lens"] == .string("35mm") && row.metadata["night"] == .bool(true))
        #expect(row.tags == ["a", "b", "c"])
    }

    @Test("a file that states complete ground truth labels its empty rows, and --replace can empty a row")
    func completeGroundTruth() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        var first = ImportBatch(source: "gt.json", rows: [DataRow(key: "busy.jpg"), DataRow(key: "empty.jpg")], annotations: [
            AnnotationSpec(rowKey: "busy.jpg", className: "cat", geometry: .box(BoundingBox(x: 0, y: 0, width: 1, height: 1))),
        ])
        first.statesCompleteGroundTruth = true
        _ = try await store.apply(first, toDataset: "d", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "d"))
        #expect(try await store.row(datasetID: dataset.id, key: "empty.jpg")?.labelVersion == 1)
        #expect(try await store.statistics().first?.labeledRows == 2)
        // Labeling the empty row again is a conflict like any other labeled row.
        let more = ImportBatch(source: "more.json", annotations: [AnnotationSpec(rowKey: "empty.jpg", className: "cat", geometry: .none)])
        await #expect(throws: StoreError.self) { _ = try await store.apply(more, toDataset: "d", options: ImportOptions()) }
        // A corrected file where busy.jpg lost its box: --replace gives it an empty next version.
        var corrected = ImportBatch(source: "gt2.json", rows: [DataRow(key: "busy.jpg"), DataRow(key: "empty.jpg")])
        corrected.statesCompleteGroundTruth = true
        let report = try await store.apply(corrected, toDataset: "d", options: ImportOptions(replace: true))
        #expect(report.rowsRelabeled == 2)
        let busy = try #require(try await store.row(datasetID: dataset.id, key: "busy.jpg"))
        #expect(busy.labelVersion == 2)
        #expect(try await store.annotations(rowID: busy.id!).isEmpty)
        #expect(try await store.statistics().first?.annotations == 0)
    }

    @Test("masks whose compressed string holds a backslash, and geometry the schema refuses")
    func maskEscapingAndInvalidGeometry() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        // A first run of 44 pixels encodes as "\1": the backslash must be escaped in the stored JSON.
        let masks = [[44, 10, 46], [0, 1, 98, 1], [92, 8]].map { RunLengthMask(height: 10, width: 10, counts: $0.map(UInt32.init)) }
        #expect(masks[0].compressed.contains("\\"))
        let batch = ImportBatch(source: "m.json", rows: [DataRow(key: "a")], annotations: masks.map {
            AnnotationSpec(rowKey: "a", className: "blob", geometry: .mask($0))
        })
        _ = try await store.apply(batch, toDataset: "d", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "d"))
        let stored = try await store.annotations(datasetID: dataset.id, allVersions: false, page: PageRequest()).items
        #expect(stored.map(\.geometry) == masks.map { Geometry.mask($0) })

        for geometry in [Geometry.box(BoundingBox(x: .nan, y: 0, width: 1, height: 1)), .point(x: .infinity, y: 0),
                         .polygon(Polygon(rings: [[0, 0, 1, 1]])), .mask(RunLengthMask(height: 2, width: 2, counts: [1]))] {
            let bad = ImportBatch(source: "bad.json", rows: [DataRow(key: "b")], annotations: [AnnotationSpec(rowKey: "b", className: "x", geometry: geometry)])
            await #expect(throws: StoreError.self, "\(geometry)") { _ = try await store.apply(bad, toDataset: "d", options: ImportOptions()) }
        }
        #expect(try await store.row(datasetID: dataset.id, key: "b") == nil)
    }

    @Test("a row's kind is fixed at creation: a metadata-only re-import keeps a text row a text row")
    func kindIsFixed() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(ImportBatch(source: "t.jsonl", rows: [DataRow(key: "sms-1", kind: .text, text: "hello")]),
                                  toDataset: "d", options: ImportOptions())
        _ = try await store.apply(ImportBatch(source: "m.jsonl", rows: [DataRow(key: "sms-1", kind: .image, metadata: ["n": .number(1)])]),
                                  toDataset: "d", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "d"))
        let row = try #require(try await store.row(datasetID: dataset.id, key: "sms-1"))
        #expect(row.kind == .text && row.text == "hello" && row.metadata == ["n": .number(1)])
    }

    @Test("a metadata field keeps one kind per dataset; text with quotes and control characters survives")
    func metadataKinds() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let wrongKind = ImportBatch(source: "m.jsonl", rows: [DataRow(key: "z.jpg", metadata: ["iso": .string("high")])])
        do {
            _ = try await store.apply(wrongKind, toDataset: "pets", options: ImportOptions())
            Issue.record("a string was accepted for a number field")
        } catch let error as StoreError {
            #expect(error.message.contains("'iso' is a number"))
        }
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} é 🦊"
        _ = try await store.apply(ImportBatch(source: "m.jsonl", rows: [DataRow(key: "z.jpg", metadata: ["camera": .string(tricky)])]),
                                  toDataset: "pets", options: ImportOptions())
        let dataset = try #require(try await store.dataset(named: "pets"))
        #expect(try await store.row(datasetID: dataset.id, key: "z.jpg")?.metadata == ["camera": .string(tricky)])
        #expect(try await store.row(datasetID: dataset.id, key: "b.jpg")?.metadata == [:])
    }

    @Test("predictions: probability vectors are stored by class ordinal; repeats need --replace; chunks add up")
    func predictions() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let options = ImportOptions(modelName: "clf", modelTask: .classification, runName: "r1", runConfigJSON: #"{"lr":0.1}"#)
        let first = ImportBatch(source: "p.jsonl", predictions: [
            PredictionSpec(rowKey: "a.jpg", className: "dog", geometry: .none, score: 0.7, probabilities: [0.1, 0.2, 0.7]),
        ], probabilityClasses: ["bird", "cat", "dog"])
        let report = try await store.apply(first, toDataset: "pets", options: options)
        #expect(report.predictions == 1 && report.runsCreated == 1)
        let model = try #require(try await store.models().first)
        #expect(model.task == .classification)
        let run = try #require(try await store.runs(modelID: model.id).first)
        #expect(run.configJSON == #"{"lr":0.1}"#)
        let stored = try await store.predictions(runID: run.id, page: PageRequest()).items
        // Schema ordinals: cat 0, dog 1, bird 2.
        #expect(stored.first?.probabilities == [0.2, 0.7, 0.1])
        await #expect(throws: StoreError.self) { _ = try await store.apply(first, toDataset: "pets", options: options) }
        var chunk = first
        chunk.predictions[0].rowKey = "b.jpg"
        #expect(try await store.apply(chunk, toDataset: "pets", options: options).predictions == 1)
        var replacing = options
        replacing.replace = true
        #expect(try await store.apply(first, toDataset: "pets", options: replacing).predictions == 1)
        #expect(try await store.predictions(runID: run.id, page: PageRequest()).items.count == 2)
        #expect(try await store.statistics().first?.runs == 1)
    }

    @Test("vectors are little-endian float32 blobs of the space's dimension")
    func embeddings() async throws {
        let workspace = try TemporaryWorkspace()
        let store = workspace.store
        _ = try await store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let vectors = RowMajorMatrix(rows: 2, columns: 3, values: [1, -2, 3.5, 0, 1e-3, -7])
        let batch = ImportBatch(source: "e.npy", embeddings: EmbeddingSet(spaceName: "clip", rowKeys: ["a.jpg", "b.jpg"], vectors: vectors))
        #expect(try await store.apply(batch, toDataset: "pets", options: ImportOptions()).embeddings == 2)
        let space = try #require(try await store.embeddingSpaces().first)
        #expect(space.dimension == 3)
        let page = try await store.embeddings(spaceID: space.id, page: PageRequest())
        #expect(page.items.map(\.vector) == [[1, -2, 3.5], [0, 1e-3, -7]])
        let blob = try await workspace.store.pool.read { db in try Data.fetchOne(db, sql: "SELECT vector FROM embedding LIMIT 1") }
        #expect(blob.map(Array.init) == [0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 0, 0, 0x60, 0x40])
        let wrong = ImportBatch(source: "e2.npy", embeddings: EmbeddingSet(
            spaceName: "clip", rowKeys: ["a.jpg"], vectors: RowMajorMatrix(rows: 1, columns: 2, values: [1, 2])))
        await #expect(throws: StoreError.self) { _ = try await store.apply(wrong, toDataset: "pets", options: ImportOptions()) }
    }

    @Test("statistics count current ground truth by geometry, crowd, classes present, runs and predictions")
    func statistics() async throws {
        let workspace = try TemporaryWorkspace()
        _ = try await workspace.store.apply(Self.detectionBatch(), toDataset: "pets", options: ImportOptions())
        let statistics = try #require(try await workspace.store.statistics().first)
        #expect(statistics.rows == 3 && statistics.annotations == 5 && statistics.crowdAnnotations == 1)
        #expect(statistics.annotationsByKind == ["box": 1, "polygon": 1, "mask": 1, "point": 1, "none": 1])
        #expect(statistics.classes == 3 && statistics.classesPresent == 3 && statistics.labeledRows == 3)
        #expect(statistics.rowsBySplit == ["train": 1])
    }
}
