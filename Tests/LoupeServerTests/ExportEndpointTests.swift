import Foundation
import HTTPTypes
import LoupeCatalog
@testable import LoupeServer
import Testing

@Suite("streamed export")
struct ExportEndpointTests {
    @Test("the whole dataset streams as exactly the JSON Lines `loupe export jsonl` writes")
    func wholeDataset() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let expected = JSONLExporter().export(try await DatasetReader(store: workspace.store).contents(ofDataset: "voc100"))
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/voc100/export")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/x-ndjson; charset=utf-8")
            #expect(reply.headers[.contentDisposition] == "attachment; filename=\"voc100.jsonl\"")
            #expect(reply.body == expected)

            let compressed = try await client.send("/api/v1/datasets/voc100/export?format=jsonl", headers: [.acceptEncoding: "gzip"])
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(try gunzip(compressed.body) == expected)
        }
    }

    @Test("a filtered export has the selected rows in row order, and imports back to the same rows and labels")
    func filtered() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let store = workspace.store
        let dataset = try #require(try await store.dataset(named: "coco128"))
        let filter = try FilterParser.parse("gt.count >= 5")
        let ids = try await store.queryRowIDs(datasetID: dataset.id, filter: filter)
        #expect(ids.count > 10 && ids.count < 128)
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/coco128/export?filter=" + formEncoded("gt.count >= 5"))
            #expect(reply.status == .ok)
            let lines = String(decoding: reply.body, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == ids.count + 1)
            let expectedKeys = try await store.rows(datasetID: dataset.id, ids: ids).map(\.key)
            let keys = try lines.dropFirst().map { line in
                try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["key"] as? String
            }
            #expect(keys == expectedKeys)

            let batch = try JSONLImporter().parse(reply.body, file: "export.jsonl")
            #expect(batch.rows.map(\.key) == expectedKeys)
            let annotations = try await store.annotations(rowIDs: ids)
            #expect(batch.annotations.count == annotations.count)
            #expect(annotations.count >= 5 * ids.count)
        }
    }

    @Test("chunks cover every row once, in order, by ids and by keyset, whatever the chunk size")
    func chunks() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let store = workspace.store
        let dataset = try #require(try await store.dataset(named: "coco128"))
        let all = try await store.rows(datasetID: dataset.id, page: PageRequest(limit: 1000)).items
        #expect(all.count == 128)
        for size in [1, 7, 128, 500] {
            var byKeyset = RowChunks(store: store, datasetID: dataset.id, ids: nil, size: size)
            var seen: [DataRow] = []
            while let chunk = try await byKeyset.next() { #expect(chunk.count <= size); seen += chunk }
            #expect(seen.map(\.id) == all.map(\.id), "keyset, size \(size)")
            let reversed = Array(all.compactMap(\.id).reversed())
            var byIDs = RowChunks(store: store, datasetID: dataset.id, ids: reversed, size: size)
            seen = []
            while let chunk = try await byIDs.next() { seen += chunk }
            #expect(seen.compactMap(\.id) == reversed, "ids, size \(size)")
        }
    }

    @Test("a bad filter, an unknown format or dataset is an error envelope before anything is streamed")
    func errors() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let bad = try await client.send("/api/v1/datasets/voc100/export?filter=" + formEncoded("gt.count >= "))
            #expect(bad.status == .badRequest)
            #expect(try bad.error["field"] as? String == "filter")
            let unknownClass = try await client.send("/api/v1/datasets/voc100/export?filter=" + formEncoded(#"gt.class = "unicorn""#))
            #expect(unknownClass.status == .badRequest)
            let format = try await client.send("/api/v1/datasets/voc100/export?format=parquet")
            #expect(format.status == .badRequest)
            #expect(try format.error["field"] as? String == "format")
            #expect(try await client.send("/api/v1/datasets/nope/export").status == .notFound)
        }
    }

    @Test("format=coco is what `loupe export coco` writes: instances, results of a run, and the filtered images only")
    func coco() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let store = workspace.store
        let reader = DatasetReader(store: store)
        let instances = try COCOExporter().instances(try await reader.contents(ofDataset: "voc100"))
        let run = try await store.runs(matching: "voc-detector/baseline")[0].1
        let results = try COCOExporter().results(try await reader.contents(ofDataset: "voc100", runID: run.id))
        try await withServer(workspace) { client in
            let whole = try await client.send("/api/v1/datasets/voc100/export?format=coco")
            #expect(whole.status == .ok && whole.body == instances)
            #expect(whole.headers[.contentType] == "application/json; charset=utf-8")
            #expect(whole.headers[.contentDisposition] == "attachment; filename=\"voc100.json\"")

            let predicted = try await client.send("/api/v1/datasets/voc100/export?format=coco&run=baseline")
            #expect(predicted.status == .ok && predicted.body == results)
            #expect(predicted.headers[.contentDisposition] == "attachment; filename=\"voc100-voc-detector-baseline.json\"")
            #expect((try JSONSerialization.jsonObject(with: predicted.body) as? [Any])?.count == 452)

            let filtered = try await client.send("/api/v1/datasets/voc100/export?format=coco&filter=" + formEncoded("gt.count >= 3"))
            let document = try #require(try JSONSerialization.jsonObject(with: filtered.body) as? [String: Any])
            let dataset = try #require(try await store.dataset(named: "voc100"))
            let ids = try await store.queryRowIDs(datasetID: dataset.id, filter: try FilterParser.parse("gt.count >= 3"))
            let names = try await store.rows(datasetID: dataset.id, ids: ids).compactMap(\.uri)
            #expect((document["images"] as? [[String: Any]])?.compactMap { $0["file_name"] as? String } == names)
            let annotations = try #require(document["annotations"] as? [Any])
            #expect(annotations.count >= 3 * names.count)

            let yolo = try await client.send("/api/v1/datasets/voc100/export?format=yolo")
            #expect(try yolo.status == .badRequest && yolo.error["field"] as? String == "format")
            let jsonlRun = try await client.send("/api/v1/datasets/voc100/export?run=baseline")
            #expect(try jsonlRun.status == .badRequest && jsonlRun.error["field"] as? String == "run")
            #expect(try await client.send("/api/v1/datasets/voc100/export?format=coco&run=nope").status == .notFound)
        }
    }
}
