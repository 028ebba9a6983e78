import Foundation
import LoupeCatalog
import Testing

/// A row's place in a view, and the filter check.
@Suite("row navigation")
struct RowNavigationEndpointTests {
    @Test("neighbors walk the view in the order the rows endpoint pages it, first to last")
    func neighbors() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let view = "filter=" + formEncoded("gt.count >= 2") + "&sort=" + formEncoded("-width, key")
            let page = try await client.send("/api/v1/datasets/voc100/rows?limit=1000&" + view).json
            let keys = try #require(page["rows"] as? [[String: Any]]).map { $0["key"] as! String }
            #expect(keys.count == page["count"] as? Int && keys.count > 10)
            for (index, key) in keys.enumerated() {
                let place = try await client.send("/api/v1/datasets/voc100/rows/\(key)/neighbors?" + view).json
                #expect(place["position"] as? Int == index && place["count"] as? Int == keys.count)
                #expect(place["previous"] as? String == (index > 0 ? keys[index - 1] : nil))
                #expect(place["next"] as? String == (index + 1 < keys.count ? keys[index + 1] : nil))
            }
            // A row the view leaves out has no position.
            let all = try await client.send("/api/v1/datasets/voc100/rows?limit=1000").json
            let outside = try #require((all["rows"] as? [[String: Any]])?.map { $0["key"] as! String }.first { !keys.contains($0) })
            let left = try await client.send("/api/v1/datasets/voc100/rows/\(outside)/neighbors?" + view).json
            #expect(left["position"] is NSNull && left["previous"] is NSNull && left["next"] is NSNull)
            #expect(try await client.send("/api/v1/datasets/voc100/rows/nope.jpg/neighbors").status == .notFound)
        }
    }

    @Test("filter-check answers 200 with the verdict, the parameter and the position")
    func check() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let good = try await client.send("/api/v1/datasets/voc100/filter-check?filter=" + formEncoded(#"gt.class = "dog""#)).json
            #expect(good["valid"] as? Bool == true && good["message"] == nil)
            let syntax = try await client.send("/api/v1/datasets/voc100/filter-check?filter=" + formEncoded("width > 100 and gt.clas = 1"))
            #expect(syntax.status == .ok)
            let verdict = try syntax.json
            #expect(verdict["valid"] as? Bool == false && verdict["field"] as? String == "filter" && verdict["position"] as? Int == 16)
            #expect((verdict["message"] as? String)?.contains("did you mean gt.class?") == true)
            let unknown = try await client.send("/api/v1/datasets/voc100/filter-check?filter=" + formEncoded(#"gt.class = "unicorn""#)).json
            #expect(unknown["valid"] as? Bool == false && (unknown["message"] as? String)?.contains("unicorn") == true)
            let sort = try await client.send("/api/v1/datasets/voc100/filter-check?sort=" + formEncoded("widht")).json
            #expect(sort["valid"] as? Bool == false && sort["field"] as? String == "sort")
        }
    }

    @Test("offset pages at any depth agree with the cursor walk; offset and cursor together are refused")
    func offsets() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let view = "sort=" + formEncoded("-width, key")
            let all = try #require(try await client.send("/api/v1/datasets/voc100/rows?limit=1000&" + view).json["rows"] as? [[String: Any]])
                .map { $0["key"] as! String }
            for offset in [0, 7, 63, 99, 100, 150] {
                let page = try await client.send("/api/v1/datasets/voc100/rows?limit=10&offset=\(offset)&" + view).json
                let keys = try #require(page["rows"] as? [[String: Any]]).map { $0["key"] as! String }
                #expect(keys == Array(all[min(offset, all.count)..<min(offset + 10, all.count)]), "offset \(offset)")
                #expect(page["count"] as? Int == all.count)
                #expect((page["next_cursor"] is String) == (offset + 10 < all.count))
            }
            let first = try await client.send("/api/v1/datasets/voc100/rows?limit=10&" + view).json
            let both = try await client.send("/api/v1/datasets/voc100/rows?limit=10&offset=5&cursor=\(first["next_cursor"] as! String)&" + view)
            #expect(try both.status == .badRequest && both.error["field"] as? String == "offset")
            #expect(try await client.send("/api/v1/datasets/voc100/rows?offset=-1").status == .badRequest)
        }
    }
}
