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

@Suite("File names in import files stay inside the images folder")
struct ImagesFolderConfinementTests {
    @Test("absolute names and '..' components are refused before any file is touched")
    func confinement() throws {
        #expect(ImportFile.staysInside("a.jpg") && ImportFile.staysInside("sub/a.jpg") && ImportFile.staysInside("a..b.jpg"))
        #expect(!ImportFile.staysInside("/etc/passwd") && !ImportFile.staysInside("../a.jpg") && !ImportFile.staysInside("sub/../../a.jpg"))
        #expect(!ImportFile.staysInside(""))
        let coco = #"{"images": [{"id": 1, "file_name": "../../etc/hostname", "width": 4, "height": 4}], "categories": [], "annotations": []}"#
        do {
            _ = try COCOImporter(imagesDirectory: URL(fileURLWithPath: NSTemporaryDirectory())).parse(Data(coco.utf8), file: "evil.json")
            Issue.record("a file_name outside the images folder was accepted")
        } catch {
            #expect(error.location == .jsonPath("$.images[0].file_name"))
            #expect(error.message.contains("leaves the images folder"))
        }
    }
}
