import Foundation
import LoupeCatalog
import LoupeCore
@testable import LoupeServer
import Testing

@Suite("direct JSON for row pages")
struct DirectJSONTests {
    static let awkwardStrings = [
        "", "plain", "with \"quotes\"", "back\\slash", "tab\tnew\nline\rreturn\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}", "café", "日本語",
        "emoji 🦊 and 𝄞", "</script><img src=x onerror=alert(1)>", "a/b/c.jpg", "\u{2028}\u{2029}", "B", "a10", "a2", "_z", "é",
    ]

    /// A seeded row with every optional present or absent and awkward values.
    static func row(_ generator: inout SplitMix64) -> DataRow {
        func pick(_ strings: [String]) -> String { strings[Int(generator.next() % UInt64(strings.count))] }
        func maybe<T>(_ value: T) -> T? { generator.next() % 3 == 0 ? nil : value }
        var metadata: [String: MetadataValue] = [:]
        for _ in 0..<Int(generator.next() % 6) {
            let name = pick(awkwardStrings)
            switch generator.next() % 4 {
            case 0: metadata[name] = .string(pick(awkwardStrings))
            case 1:
                let magnitude = [0, 1e-9, 1e-3, 1, 3, 1e3, 1e15, 1e16, 1e17, 1e20, 1e300][Int(generator.next() % 11)]
                let sign: Double = generator.next() % 2 == 0 ? 1 : -1
                let integral = generator.next() % 2 == 0
                metadata[name] = .number(sign * magnitude * (integral ? Double(generator.next() % 1000) : Double(generator.next() % 100_000) / 997))
            case 2: metadata[name] = .bool(generator.next() % 2 == 0)
            default: metadata[name] = .date(Date(timeIntervalSince1970: Double(generator.next() % 4_000_000_000)))
            }
        }
        let tags = (0..<Int(generator.next() % 3)).map { _ in pick(awkwardStrings) }
        return DataRow(id: Int64(generator.next() % 1000), key: pick(awkwardStrings), uri: maybe(pick(awkwardStrings)),
                       kind: generator.next() % 2 == 0 ? .image : .text, width: maybe(Int(generator.next() % 5000)),
                       height: maybe(Int(generator.next() % 5000)), text: maybe(pick(awkwardStrings)), split: maybe(pick(awkwardStrings)),
                       metadata: metadata, tags: tags, labelVersion: Int(generator.next() % 4))
    }

    @Test("a row page written directly is byte for byte what APIJSON's encoder writes")
    func sameBytes() throws {
        var generator = SplitMix64(seed: 2026)
        for pageIndex in 0..<300 {
            let rows = (0..<Int(generator.next() % 8)).map { _ in RowView(Self.row(&generator)) }
            let page = RowPageView(count: Int(generator.next() % 1_000_000), rows: rows,
                                   nextCursor: generator.next() % 2 == 0 ? nil : "djEuMTAw\(pageIndex)")
            var direct = CompactJSONWriter(numberStyle: .foundation)
            page.writeJSON(to: &direct)
            let reference = try APIJSON.encoder().encode(page)
            #expect(direct.bytes == [UInt8](reference),
                    "\(String(decoding: direct.bytes, as: UTF8.self))\nvs\n\(String(decoding: reference, as: UTF8.self))")
        }
    }

    @Test("the rows endpoint answers with the direct form, and it parses back to the rows")
    func endpoint() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/coco128/rows?limit=20&sort=key")
            let page = try reply.json
            let rows = try #require(page["rows"] as? [[String: Any]])
            #expect(rows.count == 20)
            #expect(reply.headers[.contentLength] == String(reply.body.count))
            let stored = try await workspace.store.queryPage(datasetID: try #require(await workspace.store.dataset(named: "coco128")).id,
                                                             filter: nil, sort: try FilterParser.parseSort("key"), limit: 20, offset: 0)
            let expected = try APIJSON.encoder().encode(RowPageView(count: 128, rows: stored.map(RowView.init), nextCursor: page["next_cursor"] as? String))
            #expect(reply.body == expected)
        }
    }
}
