import Foundation
import LoupeCatalog
@testable import LoupeSQLite
import Testing

/// Metadata indexes of large datasets are built by `metadata_index` jobs that the first request
/// reading a field queues; that request and those after it answer the same rows.
@Suite("metadata index jobs")
struct MetadataIndexJobTests {
    /// 12,000 text rows (above the 10,000-row threshold) with a camera, an ISO value and a
    /// metadata field whose name needs quotes.
    static func largeWorkspace() async throws -> ServerWorkspace {
        let workspace = try ServerWorkspace(buildsMetadataIndexesOnQuery: false)
        let cameras = ["a7", "x100", "gr3"]
        let rows = (0..<12_000).map { (index: Int) -> DataRow in
            let metadata: [String: MetadataValue] = [
                "camera": .string(cameras[index % 3]), "iso": .number(Double(100 * (index % 32))), "odd name!": .bool(index % 2 == 1),
            ]
            return DataRow(key: String(format: "r%05d", index), kind: .text, text: "row \(index)", metadata: metadata)
        }
        _ = try await workspace.store.apply(ImportBatch(source: "rows", rows: rows), toDataset: "big", options: ImportOptions())
        return workspace
    }

    static func indexNames(_ store: SQLiteStore) async throws -> [String] {
        try await store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'data_row_meta_%' ORDER BY name")
        }
    }

    @Test("the first filter on camera and sort on iso queues one job that indexes both; the rows are the same before and after")
    func firstQueryQueuesAJob() async throws {
        let workspace = try await Self.largeWorkspace()
        let path = "/api/v1/datasets/big/rows?filter=\("meta.camera = \"x100\" and meta.\"odd name!\" = true".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&sort=meta.iso&limit=5"
        let (before, after, jobs) = try await withServer(workspace) { client in
            let before = try await client.send(path)
            // The job was queued by that request; the index does not exist until it has run.
            let listed = try await client.send("/api/v1/jobs?kind=metadata_index").json
            let queued = try #require((listed["jobs"] as? [[String: Any]])?.first)
            _ = try await JobsEndpointTests.waitForEnd(client, job: try #require(queued["id"] as? Int))
            // A different view of the same fields queues nothing new.
            _ = try await client.send("/api/v1/datasets/big/rows?filter=meta.camera%20%3D%20%22a7%22")
            let after = try await client.send(path)
            return (before, after, try await client.send("/api/v1/jobs?kind=metadata_index"))
        }
        #expect(before.status == .ok && after.status == .ok)
        let beforeRows = try #require(try before.json["rows"] as? [[String: Any]]).map { $0["key"] as? String }
        let afterRows = try #require(try after.json["rows"] as? [[String: Any]]).map { $0["key"] as? String }
        // x100 is every third row from 1, "odd name!" every odd row: rows 1 mod 6, by ISO (100 × index mod 32), then by id.
        let expected = (0..<12_000).filter { $0 % 6 == 1 }.sorted { ($0 % 32, $0) < ($1 % 32, $1) }.prefix(5).map { String(format: "r%05d", $0) }
        #expect(beforeRows == expected && afterRows == beforeRows, "\(beforeRows)")
        #expect(try before.json["count"] as? Int == 2000 && after.json["count"] as? Int == 2000)

        let list = try #require(try jobs.json["jobs"] as? [[String: Any]])
        #expect(list.count == 1)
        let job = try #require(list.first)
        #expect(job["status"] as? String == "succeeded", "\(job)")
        #expect((job["parameters"] as? [String: Any])?["fields"] as? [String] == ["camera", "iso"])
        #expect((job["result"] as? [String: Any])?["indexed"] as? [String] == ["camera", "iso"])
        #expect(try await Self.indexNames(workspace.store) == [SQLiteStore.metadataIndexName("camera"), SQLiteStore.metadataIndexName("iso")])
    }

    @Test("small datasets and indexed fields queue nothing")
    func nothingToBuild() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            #expect(try await client.send("/api/v1/datasets/voc100/rows?sort=width").status == .ok)
            let jobs = try await client.send("/api/v1/jobs?kind=metadata_index").json
            #expect((jobs["jobs"] as? [Any])?.isEmpty == true)
        }
        let large = try await Self.largeWorkspace()
        let dataset = try #require(try await large.store.dataset(named: "big"))
        // A store opened as the server opens it scans and builds nothing in a query.
        let camera = FilterExpression.compare(.metadata("camera"), .equal, .string("a7"))
        #expect(try await large.store.queryRowIDs(datasetID: dataset.id, filter: camera).count == 4000)
        #expect(try await Self.indexNames(large.store).isEmpty)
        let wanted = try await large.store.metadataFieldsWantingIndexes(
            datasetID: dataset.id, filter: .and(camera, .compare(.metadata("odd name!"), .equal, .bool(true))),
            sort: [SortKey(field: .metadata("iso"), descending: true), SortKey(field: .metadata("nope"), descending: false)])
        #expect(wanted == ["camera", "iso"])
        #expect(try await large.store.buildMetadataIndexes(datasetID: dataset.id, fields: ["camera", "odd name!", "nope"]) == ["camera"])
        try await withServer(large) { client in
            #expect(try await client.send("/api/v1/datasets/big/rows?filter=meta.camera%20%3D%20%22a7%22").status == .ok)
            let jobs = try await client.send("/api/v1/jobs?kind=metadata_index").json
            #expect((jobs["jobs"] as? [Any])?.isEmpty == true)
        }
    }
}
