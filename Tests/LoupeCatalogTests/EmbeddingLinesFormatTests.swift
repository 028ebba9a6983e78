import Foundation
import LoupeCore
import Testing
@testable import LoupeCatalog

/// The MiniLM reference items: each sentence's text and its 384-d vector, as the file writes them.
private func minilmItems() throws -> [(text: String, embedding: [Double])] {
    struct Reference: Decodable {
        struct Item: Decodable { var text: String; var embedding: [Double] }
        var items: [Item]
    }
    let url = sharedData.appendingPathComponent("minilm-reference/minilm_reference.json")
    return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)).items.map { ($0.text, $0.embedding) }
}

private func linesError(_ text: String) -> ImportError? {
    do {
        _ = try EmbeddingLinesImporter(spaceName: "s").parse(Data(text.utf8), file: "v.jsonl")
        return nil
    } catch {
        return error
    }
}

@Suite("JSON Lines embeddings")
struct EmbeddingLinesFormatTests {
    @Test("reads the MiniLM reference vectors keyed by sentence, exactly as float32, in file order")
    func minilm() throws {
        let items = try minilmItems()
        var text = ""
        for (index, item) in items.enumerated() {
            let numbers = item.embedding.map { "\($0)" }.joined(separator: ", ")
            // Keys with quotes, escapes and non-ASCII text, and a CRLF line end on odd lines.
            text += "{\"vector\": [\(numbers)], \"key\": \(String(decoding: try JSONEncoder().encode("\(index) \(item.text) “é”"), as: UTF8.self))}"
            text += index % 2 == 1 ? "\r\n" : "\n"
            if index == 3 { text += "   \n" }
        }
        let batch = try EmbeddingLinesImporter(spaceName: "minilm").parse(Data(text.utf8), file: "minilm.jsonl")
        let set = try #require(batch.embeddings)
        #expect(set.spaceName == "minilm")
        #expect(set.rowKeys == items.enumerated().map { "\($0.offset) \($0.element.text) “é”" })
        #expect(set.vectors == RowMajorMatrix(rows: items.count, columns: 384, values: items.flatMap { $0.embedding.map(Float.init) }))
        #expect(batch.rows.isEmpty && batch.warnings.isEmpty && batch.source == "minilm.jsonl")
    }

    @Test("bad lines are named by line and JSON path")
    func errors() {
        func check(_ text: String, _ location: LoupeCatalog.SourceLocation?, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let error = linesError(text)
            #expect(error?.file == "v.jsonl", sourceLocation: sourceLocation)
            #expect(error?.location == location, sourceLocation: sourceLocation)
            #expect(error?.message == message, sourceLocation: sourceLocation)
        }
        let ok = "{\"key\": \"a\", \"vector\": [1, 2, 3]}\n"
        check(ok + "{\"key\": \"b\", \"vector\": [1, 2]}", .lineAndPath(2, "$.vector"), "expected 3 values as on line 1, found 2")
        check(ok + "\n{\"key\": \"a\", \"vector\": [1, 2, 3]}", .lineAndPath(3, "$.key"), "duplicate key 'a': already on line 1")
        check(ok + "{\"vector\": [1, 2, 3]}", .lineAndPath(2, "$"), "missing required key 'key'")
        check(ok + "{\"key\": \"b\"}", .lineAndPath(2, "$"), "missing required key 'vector'")
        check(ok + "{\"key\": \"\", \"vector\": [1, 2, 3]}", .lineAndPath(2, "$.key"), "the key is empty")
        check("{\"key\": \"b\", \"vector\": []}", .lineAndPath(1, "$.vector"), "the vector is empty")
        check("{\"key\": 7, \"vector\": [1]}", .lineAndPath(1, "$.key"), "expected a string, found a number")
        check("{\"key\": \"b\", \"vector\": [1, \"2\"]}", .lineAndPath(1, "$.vector[1]"), "expected a number, found a string")
        check("{\"key\": \"b\", \"vector\": [1, 1e39]}", .lineAndPath(1, "$.vector[1]"), "the value is beyond the float32 range (±3.4e38)")
        check("{\"key\": \"b\", \"vector\": {\"x\": 1}}", .lineAndPath(1, "$.vector"), "expected an array of numbers, found an object")
        check("", nil, "v.jsonl holds no vectors: expected lines like {\"key\": \"…\", \"vector\": [0.1, …]}")
        #expect(linesError(ok + "{\"key\": \"b\", \"vector\": [1, 2, 3]")?.location == .line(2))
    }

    @Test("other fields are ignored with one counted warning")
    func unknownFields() throws {
        let text = (0..<3).map { "{\"key\": \"k\($0)\", \"vector\": [\($0), 1], \"label\": \"x\"}" }.joined(separator: "\n")
        let batch = try EmbeddingLinesImporter(spaceName: "s").parse(Data(text.utf8), file: "v.jsonl")
        #expect(batch.embeddings?.vectors.values == [0, 1, 1, 1, 2, 1])
        #expect(batch.warnings.count == 1)
        #expect(batch.warnings.first?.count == 3)
        #expect(batch.warnings.first?.location == .lineAndPath(1, "$.label"))
    }

    @Test("a file read in parallel chunks gives the vectors in order and finds repeats and size changes across chunks")
    func chunks() throws {
        // 200,000 lines of 8 values: well over one 4 MiB chunk.
        let count = 200_000
        var lines = (0..<count).map { index in
            "{\"key\": \"row-\(index)\", \"vector\": [\((0..<8).map { "\(Float(index) + Float($0) / 8)" }.joined(separator: ","))]}"
        }
        let text = lines.joined(separator: "\n")
        #expect(text.utf8.count > 8 << 20)
        let set = try #require(try EmbeddingLinesImporter(spaceName: "s").parse(Data(text.utf8), file: "big.jsonl").embeddings)
        #expect(set.rowKeys.count == count && set.rowKeys[123_456] == "row-123456")
        #expect(set.vectors.row(150_001).first == 150_001 && set.vectors.row(150_001).last == 150_001.875)

        lines[190_000] = lines[7].replacingOccurrences(of: "row-7\"", with: "row-7\"")
        #expect(linesError(lines.joined(separator: "\n"))?.message == "duplicate key 'row-7': already on line 8")
        #expect(linesError(lines.joined(separator: "\n"))?.location == .lineAndPath(190_001, "$.key"))
        lines[190_000] = "{\"key\": \"x\", \"vector\": [1]}"
        #expect(linesError(lines.joined(separator: "\n"))?.location == .lineAndPath(190_001, "$.vector"))
        #expect(linesError(lines.joined(separator: "\n"))?.message == "expected 8 values as on line 1, found 1")
    }
}
