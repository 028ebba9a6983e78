import Foundation
import LoupeCatalog
import Testing

@Suite("rows endpoints")
struct RowsEndpointTests {
    @Test("the cursor walks every row exactly once, in the order of one big page, whatever the page size")
    func cursorWalk() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let all = try await client.send("/api/v1/datasets/voc100/rows?limit=1000&sort=" + formEncoded("-gt.count, key"))
            let allBody = try all.json
            #expect(allBody["count"] as? Int == 100)
            #expect(allBody.keys.contains("next_cursor") && allBody["next_cursor"] is NSNull)
            let expected = try #require(allBody["rows"] as? [[String: Any]]).compactMap { $0["key"] as? String }
            #expect(expected.count == 100 && Set(expected).count == 100)
            for limit in [1, 7, 33, 99, 100] {
                var keys: [String] = []
                var cursor: String?
                var pages = 0
                repeat {
                    var uri = "/api/v1/datasets/voc100/rows?limit=\(limit)&sort=" + formEncoded("-gt.count, key")
                    if let cursor { uri += "&cursor=\(cursor)" }
                    let page = try await client.send(uri).json
                    #expect(page["count"] as? Int == 100)
                    let rows = try #require(page["rows"] as? [[String: Any]])
                    #expect(rows.count <= limit)
                    keys += rows.compactMap { $0["key"] as? String }
                    cursor = page["next_cursor"] as? String
                    pages += 1
                } while cursor != nil && pages <= 101
                #expect(keys == expected, "limit \(limit)")
                #expect(pages == (100 + limit - 1) / limit)
            }
        }
    }

    @Test("the default page is 100 rows; limits outside 1…1000 or not integers are refused")
    func limits() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let coco = try await client.send("/api/v1/datasets/coco128/rows").json
            #expect((coco["rows"] as? [Any])?.count == 100 && coco["count"] as? Int == 128 && coco["next_cursor"] is String)
            #expect(try await client.send("/api/v1/datasets/coco128/rows?limit=1000").status == .ok)
            for bad in ["0", "1001", "-1", "abc", "1.5", ""] {
                let reply = try await client.send("/api/v1/datasets/coco128/rows?limit=\(bad)")
                #expect(reply.status == .badRequest, "limit=\(bad)")
                #expect(try reply.error["field"] as? String == "limit")
                #expect(try reply.error["code"] as? String == "bad_request")
            }
        }
    }

    @Test("a cursor is refused when tampered with or when it comes from another query")
    func tamperedCursor() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let first = try await client.send("/api/v1/datasets/voc100/rows?limit=10").json
            let cursor = try #require(first["next_cursor"] as? String)
            #expect(try await client.send("/api/v1/datasets/voc100/rows?limit=10&cursor=\(cursor)").status == .ok)
            // The same cursor may be used with another page size: it holds a position, not a page number.
            #expect(try await client.send("/api/v1/datasets/voc100/rows?limit=3&cursor=\(cursor)").status == .ok)
            let payload = String(decoding: Data(base64Encoded: cursor + String(repeating: "=", count: (4 - cursor.count % 4) % 4))!, as: UTF8.self)
            let forgedPosition = Data(payload.replacingOccurrences(of: "v1.10.", with: "v1.20.").utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "")
            var flipped = Array(cursor)
            flipped[2] = flipped[2] == "A" ? "B" : "A"
            let others = [
                "/api/v1/datasets/voc100/rows?limit=10&cursor=\(String(flipped))",
                "/api/v1/datasets/voc100/rows?limit=10&cursor=\(forgedPosition)",
                "/api/v1/datasets/voc100/rows?limit=10&cursor=garbage",
                "/api/v1/datasets/voc100/rows?limit=10&cursor=",
                "/api/v1/datasets/voc100/rows?limit=10&sort=key&cursor=\(cursor)",
                "/api/v1/datasets/voc100/rows?limit=10&filter=" + formEncoded("gt.count >= 1") + "&cursor=\(cursor)",
                "/api/v1/datasets/coco128/rows?limit=10&cursor=\(cursor)",
            ]
            for uri in others {
                let reply = try await client.send(uri)
                #expect(reply.status == .badRequest, "\(uri)")
                #expect(try reply.error["field"] as? String == "cursor", "\(uri)")
            }
        }
    }

    @Test("a filter selects the rows the ground truth says; + and %20 both encode spaces")
    func filter() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        // Oracle: the rows whose current annotations include a person, read annotation by annotation.
        let dataset = try #require(try await workspace.store.dataset(named: "voc100"))
        let person = try #require(try await workspace.store.classes(datasetID: dataset.id).first { $0.name == "person" })
        var expected: [String] = []
        for row in try await Page.all({ try await workspace.store.rows(datasetID: dataset.id, page: $0) }) {
            let annotations = try await workspace.store.annotations(rowID: row.id!)
            if annotations.filter({ $0.classID == person.id }).count >= 2 { expected.append(row.key) }
        }
        #expect(!expected.isEmpty)
        let selected = expected.sorted()
        try await withServer(workspace) { client in
            for encoded in [formEncoded(#"gt.count("person") >= 2"#), #"gt.count(%22person%22)%20%3E%3D%202"#] {
                let body = try await client.send("/api/v1/datasets/voc100/rows?limit=1000&sort=key&filter=\(encoded)").json
                #expect(body["count"] as? Int == selected.count)
                #expect((body["rows"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == selected)
            }
            // An empty filter is no filter.
            #expect(try await client.send("/api/v1/datasets/voc100/rows?filter=").json["count"] as? Int == 100)
        }
    }

    @Test("filters and sorts that do not parse are 400 invalid_filter with the position; unknown names too", arguments: [
        ("filter", #"gt.clas = "cat""#, 0), ("filter", #"key == "a""#, 4), ("filter", #"key = "a" && split = "b""#, 10),
        ("filter", #"(key = "a""#, 0), ("sort", "key sideways", 4),
    ])
    func invalidFilter(parameter: String, text: String, position: Int) async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/voc100/rows?\(parameter)=\(formEncoded(text))")
            #expect(reply.status == .badRequest)
            let error = try reply.error
            #expect(error["code"] as? String == "invalid_filter")
            #expect(error["field"] as? String == parameter)
            #expect(error["position"] as? Int == position)
            #expect((error["message"] as? String)?.hasPrefix("at \(position + 1): ") == true)
        }
    }

    @Test("a filter counting a class the dataset lacks is invalid_filter without a position")
    func unknownName() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/voc100/rows?filter=" + formEncoded(#"gt.count("unicorn") > 0"#))
            #expect(reply.status == .badRequest)
            #expect(try reply.error["code"] as? String == "invalid_filter")
            #expect(try reply.error["position"] == nil)
            #expect((try reply.error["message"] as? String)?.contains("unicorn") == true)
        }
    }

    @Test("GET /rows/{key} has the row and its ground truth as the VOC file gives it")
    func row() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        let xml = try String(contentsOf: ServerWorkspace.voc100.appendingPathComponent("gts/pascalvoc_format/2007_000027.xml"), encoding: .utf8)
        let object = Substring(xml.components(separatedBy: "<object>").dropFirst().first ?? "")
        try await withServer(workspace) { client in
            let body = try await client.send("/api/v1/datasets/voc100/rows/2007_000027.jpg").json
            let row = try #require(body["row"] as? [String: Any])
            #expect(row["key"] as? String == "2007_000027.jpg")
            #expect(row["width"] as? Int == Int(Self.value("width", in: xml[...]) ?? 0))
            #expect(row["label_version"] as? Int == 1)
            #expect(body["asset_url"] as? String == "/api/v1/datasets/voc100/assets/2007_000027.jpg")
            let annotations = try #require(body["annotations"] as? [[String: Any]])
            #expect(annotations.count == xml.components(separatedBy: "<object>").count - 1)
            let geometry = try #require(annotations.first?["geometry"] as? [String: Any])
            #expect(geometry["kind"] as? String == "box")
            let box = try #require(geometry["box"] as? [Double])
            // Coordinates are kept as given: x = xmin, width = xmax − xmin (docs/formats.md).
            let xmin = try #require(Self.value("xmin", in: object)), ymin = try #require(Self.value("ymin", in: object))
            let xmax = try #require(Self.value("xmax", in: object)), ymax = try #require(Self.value("ymax", in: object))
            #expect(box == [xmin, ymin, xmax - xmin, ymax - ymin])
            #expect(annotations.first?["class_name"] as? String == "person")

            let missing = try await client.send("/api/v1/datasets/voc100/rows/nope.jpg")
            #expect(missing.status == .notFound)
            #expect(try missing.error["message"] as? String == "dataset 'voc100' has no row 'nope.jpg'")
        }
    }

    /// The number in the first `<tag>` element of an XML text.
    static func value(_ tag: String, in text: Substring) -> Double? {
        guard let start = text.range(of: "<\(tag)>"), let end = text.range(of: "</\(tag)>") else { return nil }
        return Double(text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces))
    }

    @Test("row keys with slashes and spaces are addressed with %2F and %20")
    func encodedKeys() async throws {
        let workspace = try ServerWorkspace()
        let batch = ImportBatch(source: "test", rows: [DataRow(key: "a/b c.jpg", uri: "a/b c.jpg", width: 4, height: 4)])
        _ = try await workspace.store.apply(batch, toDataset: "keys", options: ImportOptions())
        try await withServer(workspace) { client in
            let body = try await client.send("/api/v1/datasets/keys/rows/a%2Fb%20c.jpg").json
            #expect((body["row"] as? [String: Any])?["key"] as? String == "a/b c.jpg")
            #expect(body["asset_url"] as? String == "/api/v1/datasets/keys/assets/a%2Fb%20c.jpg")
            #expect(try await client.send("/api/v1/datasets/keys/rows/a/b%20c.jpg").status == .notFound)
        }
    }
}

extension RowsEndpointTests {
    @Test("the count of a filter follows the workspace: rows written after a page was served are counted on the next")
    func countFollowsWrites() async throws {
        let workspace = try ServerWorkspace()
        let dataset = try await workspace.store.createDataset(named: "texts")
        _ = try await workspace.store.upsertRows((0..<5).map { DataRow(key: "r\($0)", kind: .text, text: "t", split: "train") },
                                                 datasetID: dataset.id)
        try await withServer(workspace) { client in
            let path = "/api/v1/datasets/texts/rows?limit=2&filter=" + formEncoded(#"split = "train""#)
            #expect(try await client.send(path).json["count"] as? Int == 5)
            #expect(try await client.send(path).json["count"] as? Int == 5)
            _ = try await workspace.store.upsertRows((5..<8).map { DataRow(key: "r\($0)", kind: .text, text: "t", split: "train") },
                                                     datasetID: dataset.id)
            let page = try await client.send(path).json
            #expect(page["count"] as? Int == 8)
            #expect(page["next_cursor"] is String)
        }
    }

    @Test("a dataset deleted and made again under its name, by another process, is served as the new one")
    func datasetReplacedUnderItsName() async throws {
        let workspace = try ServerWorkspace()
        let old = try await workspace.store.createDataset(named: "texts")
        _ = try await workspace.store.upsertRows((0..<5).map { DataRow(key: "old\($0)", kind: .text, text: "t") }, datasetID: old.id)
        try await withServer(workspace) { client in
            let path = "/api/v1/datasets/texts/rows?limit=3"
            for _ in 0..<2 {
                let page = try await client.send(path).json
                #expect((page["rows"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["old0", "old1", "old2"])
            }
            // Written straight to the store, as `loupe` in another process would.
            try await workspace.store.deleteDataset(id: old.id)
            let gone = try await client.send(path)
            #expect(gone.status == .notFound)
            let new = try await workspace.store.createDataset(named: "texts")
            _ = try await workspace.store.upsertRows([DataRow(key: "new0", kind: .text, text: "t")], datasetID: new.id)
            let page = try await client.send(path).json
            #expect((page["rows"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["new0"])
            #expect(page["count"] as? Int == 1)
        }
    }
}
