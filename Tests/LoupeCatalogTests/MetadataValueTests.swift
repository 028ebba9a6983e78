import Foundation
import LoupeCatalog
import Testing

@Suite("Typed metadata: ISO 8601 dates and the stored JSON form")
struct MetadataValueTests {
    @Test("complete ISO 8601 dates parse to the right instant; anything else stays text")
    func dates() throws {
        #expect(ISO8601.date(from: "1970-01-01") == Date(timeIntervalSince1970: 0))
        #expect(ISO8601.date(from: "2024-05-01T12:00:00Z") == Date(timeIntervalSince1970: 1_714_564_800))
        #expect(ISO8601.date(from: "2024-05-01T14:00:00+02:00") == Date(timeIntervalSince1970: 1_714_564_800))
        #expect(ISO8601.date(from: "2024-05-01T12:00:00.250Z") == Date(timeIntervalSince1970: 1_714_564_800.25))
        #expect(ISO8601.date(from: "2024-02-29") != nil)
        for text in ["2023-02-29", "2024-13-01", "2024-05-01T12:00:00", "20240501", "2024-05-01T25:00Z", "May 1", "row-0000001", ""] {
            #expect(ISO8601.date(from: text) == nil, "\(text)")
        }
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: 1_714_564_800.25)) == "2024-05-01T12:00:00.250Z")
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: -86_400)) == "1969-12-31T00:00:00Z")
        // A fraction that rounds up to a whole second carries into the seconds.
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: 59.9996)) == "1970-01-01T00:01:00Z")
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
        #expect(MetadataValue.parsingDates("2024-05-01") == .date(Date(timeIntervalSince1970: 1_714_521_600)))
        #expect(MetadataValue.parsingDates("x100") == .string("x100"))
    }

    @Test("metadata JSON is key-sorted, escapes text, and reads back by declared kind")
    func storedForm() throws {
        let metadata: [String: MetadataValue] = [
            "z": .number(800), "a": .bool(true), "q": .string("say \"hi\"\n\u{1}"), "t": .date(Date(timeIntervalSince1970: 0)),
            "f": .number(0.1),
        ]
        let json = MetadataJSON.encode(metadata)
        #expect(json == #"{"a":true,"f":0.1,"q":"say \"hi\"\n\u0001","t":"1970-01-01T00:00:00Z","z":800}"#)
        let kinds = ["a": "bool", "f": "number", "q": "string", "t": "date", "z": "number"]
        #expect(try MetadataJSON.decode(json, kinds: kinds) == metadata)
        #expect(throws: StoreError.self) { try MetadataJSON.decode(#"{"z":"800"}"#, kinds: kinds) }
        #expect(MetadataJSON.encode([:]) == "{}")
    }
}
