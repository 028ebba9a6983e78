import Foundation
import Testing
@testable import LoupeCatalog

@Suite("CompactJSONWriter")
struct CompactJSONWriterTests {
    @Test("commas at every depth, past the 64 levels the bit stack holds, match JSONSerialization's reading")
    func deepNesting() throws {
        for depth in [1, 2, 63, 64, 65, 130] {
            var writer = CompactJSONWriter()
            // Each level: an array holding a number, the next level, and a string after it.
            for level in 0..<depth {
                writer.beginArray()
                writer.integer(level)
            }
            for level in (0..<depth).reversed() {
                writer.string("s\(level)")
                writer.endArray()
            }
            var expected = ""
            for level in 0..<depth { expected += "[\(level)," }
            expected.removeLast()
            for level in (0..<depth).reversed() { expected += (level == depth - 1 ? "," : ",") + "\"s\(level)\"]" }
            #expect(String(decoding: writer.bytes, as: UTF8.self) == expected, "depth \(depth)")
            _ = try JSONSerialization.jsonObject(with: Data(writer.bytes))
        }
    }

    @Test("objects of metadata come out with keys in UTF-8 byte order, escaped")
    func sortedObject() {
        var writer = CompactJSONWriter(numberStyle: .foundation)
        writer.beginArray()
        writer.object(["é": .bool(true), "b\"q": .string("line\nbreak"), "a": .number(0.5), "Z": .number(3)])
        writer.object([:])
        writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"[{"Z":3,"a":0.5,"b\"q":"line\nbreak","é":true},{}]"#)
    }
}
