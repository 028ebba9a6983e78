import Foundation
import LoupeCatalog
import Testing

/// Facets over a whole view: tags, splits, text, boolean and numeric metadata.
@Suite("facets")
struct FacetsEndpointTests {
    /// 40 text rows: split by index, tags, a camera, a night flag and an ISO value.
    static func workspace() async throws -> ServerWorkspace {
        let workspace = try ServerWorkspace()
        let rows = (0..<40).map { (index: Int) -> DataRow in
            let metadata: [String: MetadataValue] = [
                "camera": .string(index % 4 == 0 ? "x100" : "gr3"), "night": .bool(index % 5 == 0), "iso": .number(Double(100 + 10 * index)),
            ]
            return DataRow(key: "r\(index)", kind: .text, text: "t", split: index < 30 ? "train" : "val", metadata: metadata,
                           tags: index % 3 == 0 ? ["blurry", "review"] : (index % 3 == 1 ? ["review"] : []))
        }
        _ = try await workspace.store.apply(ImportBatch(source: "rows", rows: rows), toDataset: "d", options: ImportOptions())
        return workspace
    }

    @Test("categorical facets count the whole view, most common first; a filter narrows them")
    func categorical() async throws {
        let workspace = try await Self.workspace()
        try await withServer(workspace) { client in
            func values(_ query: String) async throws -> [String: Int] {
                let facet = try await client.send("/api/v1/datasets/d/facets?" + query).json
                let list = try #require(facet["values"] as? [[String: Any]])
                let counts = list.map { $0["count"] as! Int }
                #expect(counts == counts.sorted(by: >), "most common first")
                return Dictionary(uniqueKeysWithValues: list.map { ($0["value"] as! String, $0["count"] as! Int) })
            }
            #expect(try await values("field=tag") == ["review": 27, "blurry": 14])
            #expect(try await values("field=split") == ["train": 30, "val": 10])
            #expect(try await values("field=meta.camera") == ["gr3": 30, "x100": 10])
            #expect(try await values("field=meta.night") == ["false": 32, "true": 8])
            #expect(try await values("field=tag&filter=" + formEncoded(#"split = "val""#)) == ["review": 7, "blurry": 4])
            let tags = try await client.send("/api/v1/datasets/d/facets?field=tag").json
            #expect(tags["rows"] as? Int == 27)
            let limited = try await client.send("/api/v1/datasets/d/facets?field=split&limit=1").json
            #expect((limited["values"] as? [Any])?.count == 1)
        }
    }

    @Test("a numeric field has equal-width bins whose counts add up; bad fields and filters are 400s")
    func numeric() async throws {
        let workspace = try await Self.workspace()
        try await withServer(workspace) { client in
            let facet = try await client.send("/api/v1/datasets/d/facets?field=meta.iso&bins=4").json
            let bins = try #require(facet["bins"] as? [[String: Any]])
            #expect(bins.count == 4 && facet["rows"] as? Int == 40)
            // ISO 100…490 in steps of 10: edges 100, 197.5, 295, 392.5, 490.
            #expect(bins.map { $0["lower"] as! Double } == [100, 197.5, 295, 392.5])
            #expect(bins.last?["upper"] as? Double == 490)
            #expect(bins.map { $0["count"] as! Int } == [10, 10, 10, 10])
            let narrowed = try await client.send("/api/v1/datasets/d/facets?field=meta.iso&bins=2&filter=" + formEncoded("meta.iso >= 400")).json
            #expect((narrowed["bins"] as? [[String: Any]])?.map { $0["count"] as! Int } == [5, 5])
            let unknown = try await client.send("/api/v1/datasets/d/facets?field=meta.nope")
            #expect(try unknown.status == .badRequest && unknown.error["field"] as? String == "field")
            #expect(try await client.send("/api/v1/datasets/d/facets?field=width").status == .badRequest)
            let badFilter = try await client.send("/api/v1/datasets/d/facets?field=tag&filter=" + formEncoded("gt.clas = 1"))
            #expect(try badFilter.status == .badRequest && badFilter.error["field"] as? String == "filter")
            let detail = try await client.send("/api/v1/datasets/d?statistics=false").json
            #expect((detail["metadata_fields"] as? [[String: Any]])?.map { $0["name"] as! String } == ["camera", "iso", "night"])
        }
    }

    @Test("gt.class counts each row once per class it has, as the rows endpoint's class filters count them")
    func classes() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            for filter in ["", "gt.count >= 3"] {
                let facet = try await client.send("/api/v1/datasets/voc100/facets?field=gt.class&limit=1000&filter=" + formEncoded(filter)).json
                let values = try #require(facet["values"] as? [[String: Any]])
                #expect(values.count > 3)
                for value in values {
                    let name = value["value"] as! String
                    let view = (filter.isEmpty ? "" : filter + " and ") + "gt.class = \"\(name)\""
                    let rows = try await client.send("/api/v1/datasets/voc100/rows?limit=1&filter=" + formEncoded(view)).json
                    #expect(rows["count"] as? Int == value["count"] as? Int, "\(name) within '\(filter)'")
                }
                let labeled = try await client.send("/api/v1/datasets/voc100/rows?limit=1&filter=" + formEncoded((filter.isEmpty ? "" : filter + " and ") + "gt.count >= 1")).json
                #expect(facet["rows"] as? Int == labeled["count"] as? Int)
            }
        }
    }
}

