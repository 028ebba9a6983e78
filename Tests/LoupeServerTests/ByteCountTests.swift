import LoupeServer
import Testing

@Suite("upload sizes")
struct ByteCountTests {
    @Test("sizes parse with binary units, case-insensitively; anything else is refused", arguments: [
        ("1048576", 1_048_576), ("512M", 512 << 20), ("2G", 2 << 30), ("2g", 2 << 30), ("1GiB", 1 << 30), ("64KB", 64 << 10),
        ("1.5K", 1536), ("100B", 100), (" 10M ", 10 << 20),
    ])
    func parses(text: String, bytes: Int) {
        #expect(ByteCount.parse(text) == bytes)
    }

    @Test("zero, negative, empty and unknown units are not sizes", arguments: ["0", "-1M", "", "M", "12X", "1e999G", "abc"])
    func refuses(text: String) {
        #expect(ByteCount.parse(text) == nil)
    }

    @Test("sizes print in the largest whole binary unit")
    func prints() {
        #expect(ByteCount.text(1 << 30) == "1 GiB")
        #expect(ByteCount.text(512 << 20) == "512 MiB")
        #expect(ByteCount.text(1536) == "1.5 KiB")
        #expect(ByteCount.text(100) == "100 bytes")
    }

    @Test("a configuration with an upload limit below one byte does not start")
    func invalidLimit() {
        #expect(throws: ServerStartError.invalidUploadLimit(0)) { try ServerConfiguration(maxUploadBytes: 0).validate() }
        #expect(ServerConfiguration().maxUploadBytes == 1 << 30)
    }
}
