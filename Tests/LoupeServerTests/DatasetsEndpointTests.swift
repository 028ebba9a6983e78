import Foundation
import LoupeCatalog
import Testing

@Suite("datasets endpoints")
struct DatasetsEndpointTests {
    @Test("GET /datasets lists the datasets by name")
    func list() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets")
            #expect(reply.status == .ok)
            let datasets = try #require(try reply.json["datasets"] as? [[String: Any]])
            #expect(datasets.map { $0["name"] as? String } == ["coco128", "voc100"])
            #expect(datasets.allSatisfy { ($0["created_at"] as? String)?.hasSuffix("Z") == true })
        }
    }

    @Test("GET /datasets/{dataset} has the statistics and the class schema of the imported files")
    func detail() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        // Oracle: the VOC XML files themselves: one <object> per box, one file per image.
        let xmlFolder = ServerWorkspace.voc100.appendingPathComponent("gts/pascalvoc_format")
        let files = try FileManager.default.contentsOfDirectory(atPath: xmlFolder.path).filter { $0.hasSuffix(".xml") }
        var objects = 0
        var names = Set<String>()
        for file in files {
            let text = try String(contentsOf: xmlFolder.appendingPathComponent(file), encoding: .utf8)
            objects += text.components(separatedBy: "<object>").count - 1
            for part in text.components(separatedBy: "<object>").dropFirst() {
                if let start = part.range(of: "<name>"), let end = part.range(of: "</name>") {
                    names.insert(part[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
        }
        let (objectCount, classNames) = (objects, names)
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/voc100")
            #expect(reply.status == .ok)
            let body = try reply.json
            #expect(body["name"] as? String == "voc100")
            let statistics = try #require(body["statistics"] as? [String: Any])
            #expect(statistics["rows"] as? Int == files.count)
            #expect(statistics["annotations"] as? Int == objectCount)
            #expect(statistics["predictions"] as? Int == 452)
            #expect(statistics["labeled_rows"] as? Int == files.count)
            let classes = try #require(body["classes"] as? [[String: Any]])
            #expect(Set(classes.compactMap { $0["name"] as? String }) == classNames)
            #expect(classes.map { $0["ordinal"] as? Int } == Array(0..<classes.count))
        }
    }
}

extension DatasetsEndpointTests {
    @Test("DELETE /datasets/{dataset} removes it with its rows and slices; the other datasets and the runs stay")
    func deleteDataset() async throws {
        let workspace = try ServerWorkspace()
        try await workspace.importVOC100()
        try await workspace.importCOCO128()
        _ = try await workspace.store.saveSlice(datasetID: try #require(await workspace.store.dataset(named: "coco128")).id,
                                                name: "crowded", filter: "gt.count >= 5", replace: false)
        try await withServer(workspace) { client in
            #expect(try await client.send("/api/v1/datasets/coco128", method: .delete).status == .noContent)
            #expect(try await client.send("/api/v1/datasets/coco128").status == .notFound)
            #expect(try await client.send("/api/v1/datasets/coco128/slices/crowded").status == .notFound)
            let again = try await client.send("/api/v1/datasets/coco128", method: .delete)
            #expect(again.status == .notFound)
            #expect(try again.error["code"] as? String == "not_found")
            let remaining = try #require(try await client.send("/api/v1/datasets").json["datasets"] as? [[String: Any]])
            #expect(remaining.compactMap { $0["name"] as? String } == ["voc100"])
            #expect(try await client.send("/api/v1/datasets/voc100/rows?limit=1").json["count"] as? Int == 100)
            #expect(try await client.send("/api/v1/runs/baseline").status == .ok)
        }
        #expect(try await workspace.store.statistics().map(\.name) == ["voc100"])
    }

    @Test("statistics are counted once per write to the dataset, and statistics=false leaves them out")
    func statisticsFollowWrites() async throws {
        let workspace = try ServerWorkspace()
        let dataset = try await workspace.store.createDataset(named: "texts")
        _ = try await workspace.store.upsertRows((0..<3).map { DataRow(key: "t\($0)", kind: .text, text: "x", split: "train") },
                                                 datasetID: dataset.id)
        try await withServer(workspace) { client in
            let first = try await client.send("/api/v1/datasets/texts").json
            #expect((first["statistics"] as? [String: Any])?["rows"] as? Int == 3)
            let schemaOnly = try await client.send("/api/v1/datasets/texts?statistics=false").json
            #expect(schemaOnly["statistics"] == nil && schemaOnly["classes"] is [Any])
            // A write by another process moves the dataset's generation: the next answer counts again.
            _ = try await workspace.store.upsertRows([DataRow(key: "t9", kind: .text, text: "y", split: "val")], datasetID: dataset.id)
            let after = try await client.send("/api/v1/datasets/texts").json
            let statistics = try #require(after["statistics"] as? [String: Any])
            #expect(statistics["rows"] as? Int == 4)
            #expect(statistics["rows_by_split"] as? [String: Int] == ["train": 3, "val": 1])
            #expect(try await client.send("/api/v1/datasets/texts?statistics=maybe").status == .badRequest)
        }
    }
}
