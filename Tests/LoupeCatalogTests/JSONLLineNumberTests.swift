import Foundation
import LoupeCatalog
import Testing

@Suite("JSONL line numbers with a header line and CRLF endings")
struct JSONLLineNumberTests {
    @Test("an error after a CRLF header line names its own line")
    func crlfHeader() throws {
        let text = "{\"classes\": [\"a\"]}\r\n{\"key\": \"x\", \"label\": \"a\"}\r\n{\"key\": \"y\", \"label\": \"b\"}\r\n"
        do {
            _ = try JSONLImporter().parse(Data(text.utf8), file: "crlf.jsonl")
            Issue.record("a label outside the header's classes was accepted")
        } catch {
            #expect(error.location?.description.hasPrefix("line 3") == true, "\(error)")
        }
    }
}
