import Foundation
@testable import LoupeCatalog
import LoupeCore
import Testing

@Suite("metadata JSON scanning")
struct MetadataJSONScanningTests {
    /// Strings that exercise escaping: quotes, backslashes, controls, non-ASCII, astral planes, markup.
    static let awkwardStrings = [
        "", "plain", "with \"quotes\"", "back\\slash", "tab\tnew\nline\rreturn", "\u{01}\u{1F}", "café", "日本語",
        "emoji 🦊 and 𝄞", "</script><img src=x onerror=alert(1)>", "slash/ok", "\u{7F}\u{2028}\u{2029}",
    ]

    @Test("seeded metadata round-trips through encode and the scanner, equal to the Foundation decoder")
    func roundTrip() throws {
        var generator = SplitMix64(seed: 11)
        let kinds = ["s": "string", "n": "number", "b": "bool", "d": "date", "name with space": "string", "k.dot": "number"]
        for _ in 0..<2000 {
            var metadata: [String: MetadataValue] = [:]
            for (name, kind) in kinds where generator.next() % 3 != 0 {
                switch kind {
                case "string": metadata[name] = .string(Self.awkwardStrings[Int(generator.next() % UInt64(Self.awkwardStrings.count))])
                case "number":
                    let magnitude = [1e-9, 1e-3, 1, 1e3, 1e15, 1e300][Int(generator.next() % 6)]
                    let sign: Double = generator.next() % 2 == 0 ? 1 : -1
                    metadata[name] = .number(sign * magnitude * Double(generator.next() % 100_000) / 997)
                case "bool": metadata[name] = .bool(generator.next() % 2 == 0)
                default: metadata[name] = .date(Date(timeIntervalSince1970: Double(generator.next() % 4_000_000_000)))
                }
            }
            let json = MetadataJSON.encode(metadata)
            #expect(MetadataJSON.scanFlatObject(json) != nil, "\(json)")
            let fast = try MetadataJSON.decode(json, kinds: kinds)
            #expect(fast == metadata, "\(json)")
            // JSONSerialization on Linux reads some 17-digit decimals a few ulps off; the scanner is exact
            // (the round trip above), so numbers are compared with a relative tolerance of 1e-15.
            let reference = try MetadataJSON.decodeWithFoundation(json, kinds: kinds)
            #expect(Set(fast.keys) == Set(reference.keys))
            for (name, value) in fast {
                if case .number(let number) = value, case .number(let other) = reference[name] {
                    #expect(abs(number - other) <= 1e-15 * abs(number), "\(json)")
                } else {
                    #expect(value == reference[name], "\(json)")
                }
            }
        }
    }

    @Test("escapes, surrogate pairs and whitespace are read as JSON defines them")
    func escapes() throws {
        let json = #" { "a" : "\u00e9\ud83e\udd8a\/\b\f\n\r\t\"\\" , "n":-0.5e+3,"z":0, "t":true ,"f":false} "#
        let members = try #require(MetadataJSON.scanFlatObject(json))
        #expect(members.map(\.name) == ["a", "n", "z", "t", "f"])
        #expect(members[0].value == .string("é🦊/\u{08}\u{0C}\n\r\t\"\\"))
        #expect(members[1].value == .number(-500))
        #expect(members[2].value == .number(0))
        #expect(members[3].value == .bool(true) && members[4].value == .bool(false))
        let kinds = ["a": "string", "n": "number", "z": "number", "t": "bool", "f": "bool"]
        #expect(try MetadataJSON.decode(json, kinds: kinds) == (try MetadataJSON.decodeWithFoundation(json, kinds: kinds)))
    }

    @Test("anything but a flat object of scalars is left to the full parser", arguments: [
        "", "[]", "{", "{\"a\":1", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":null}", "{\"a\":[1]}", "{\"a\":{\"b\":1}}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\u{01}\"}", "{\"a\":\"open}", "{a:1}", "{\"a\":1} x",
    ])
    func refused(json: String) {
        #expect(MetadataJSON.scanFlatObject(json) == nil)
    }

    @Test("a value of another kind than declared still fails with the field named")
    func kindMismatch() {
        #expect(throws: StoreError.invalid("metadata 'iso' does not match its declared kind number")) {
            try MetadataJSON.decode(#"{"iso":"800"}"#, kinds: ["iso": "number"])
        }
    }
}
