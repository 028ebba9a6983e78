import Foundation
import Testing
@testable import LoupeCatalog


private func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
private func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
private func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value) }
private func le32(_ value: Int) -> [UInt8] { le16(value) + le16(value >> 16) }

/// A JPEG marker segment: `FF marker`, a length that counts itself, and `payload`.
private func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] { [0xFF, marker] + be16(payload.count + 2) + payload }

/// A JPEG header with `before` segments, then a frame header `sof` of `width`×`height`.
private func jpeg(_ before: [[UInt8]] = [], sof: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
    [0xFF, 0xD8] + before.flatMap { $0 } + segment(sof, [8] + be16(height) + be16(width) + [3, 1, 0x22, 0])
        + segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0xD9]
}

private func sizeError(_ bytes: [UInt8], file: String = "x.img") -> ImportError? {
    do {
        _ = try ImageSize.parse(bytes, file: file)
        return nil
    } catch {
        return error
    }
}

@Suite("Image size from headers")
struct ImageSizeTests {
    @Test("every coco128 and voc100 JPEG has the size its COCO file states")
    func realJPEGs() throws {
        let sets = [("coco128/annotations/instances_train2017.json", "coco128/train2017"),
                    ("voc100-detections/gts/coco_format_v1/instances_default.json", "voc100-detections/images")]
        var checked = 0
        for (json, folder) in sets {
            let batch = try COCOImporter().read(contentsOf: sharedData.appendingPathComponent(json))
            for row in batch.rows {
                let size = try ImageSize.read(contentsOf: sharedData.appendingPathComponent(folder).appendingPathComponent(row.key))
                #expect(size == ImageSize(width: row.width!, height: row.height!), "\(row.key)")
                checked += 1
            }
        }
        #expect(checked == 228)
    }

    @Test("PNG, GIF, BMP and WebP headers")
    func otherContainers() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8) + be32(640) + be32(427)
            + [8, 6, 0, 0, 0]
        #expect(try ImageSize.parse(png, file: "a.png") == ImageSize(width: 640, height: 427))
        let gif = Array("GIF89a".utf8) + le16(31) + le16(17) + [0, 0, 0]
        #expect(try ImageSize.parse(gif, file: "a.gif") == ImageSize(width: 31, height: 17))
        // A top-down BMP stores a negative height.
        let bmp = Array("BM".utf8) + le32(0) + le32(0) + le32(54) + le32(40) + le32(300) + le32(-200) + le16(1) + le16(24)
        #expect(try ImageSize.parse(bmp, file: "a.bmp") == ImageSize(width: 300, height: 200))
        let riff = Array("RIFF".utf8) + le32(100) + Array("WEBP".utf8)
        let vp8x = riff + Array("VP8X".utf8) + le32(10) + [0, 0, 0, 0] + [0x3F, 0x01, 0x00] + [0xC7, 0x00, 0x00]
        #expect(try ImageSize.parse(vp8x, file: "a.webp") == ImageSize(width: 320, height: 200))
        let bits = (100 - 1) | (50 - 1) << 14
        let vp8l = riff + Array("VP8L".utf8) + le32(10) + [0x2F] + le32(bits) + [0, 0, 0, 0, 0]
        #expect(try ImageSize.parse(vp8l, file: "a.webp") == ImageSize(width: 100, height: 50))
        let vp8 = riff + Array("VP8 ".utf8) + le32(10) + [0, 0, 0] + [0x9D, 0x01, 0x2A] + le16(64) + le16(48)
        #expect(try ImageSize.parse(vp8, file: "a.webp") == ImageSize(width: 64, height: 48))
    }

    @Test("JPEG: the first SOFn after APPn, DQT, DHT (not a frame) and fill bytes, including progressive SOF2")
    func jpegMarkers() throws {
        let app0 = segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        let dqt = segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        let dht = segment(0xC4, [0] + [UInt8](repeating: 0, count: 16))  // 0xC4 looks like a SOF but is DHT
        let dac = segment(0xCC, [0, 0])
        #expect(try ImageSize.parse(jpeg([app0, dqt, dht, dac], width: 1920, height: 1080), file: "a.jpg")
                == ImageSize(width: 1920, height: 1080))
        #expect(try ImageSize.parse(jpeg([app0], sof: 0xC2, width: 7, height: 5), file: "p.jpg") == ImageSize(width: 7, height: 5))
        let filled = [0xFF, 0xD8, 0xFF, 0xFF, 0xFF] + Array(segment(0xC1, [8] + be16(3) + be16(4) + [1, 1, 0x11, 0]).dropFirst())
        #expect(try ImageSize.parse(filled, file: "f.jpg") == ImageSize(width: 4, height: 3))
    }

    @Test("JPEG with a 200 KiB EXIF segment: the reader seeks past it instead of stopping at its first window")
    func jpegWithLargeEXIF() throws {
        var exif = Array("Exif\0\0".utf8)
        exif += [UInt8](repeating: 0xAB, count: 65_000)
        let bytes = jpeg([segment(0xE1, exif), segment(0xE1, exif), segment(0xE2, exif)], width: 4000, height: 3000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exif-\(UUID().uuidString).jpg")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(bytes.count > 195_000)
        #expect(try ImageSize.read(contentsOf: url) == ImageSize(width: 4000, height: 3000))
    }

    @Test("bad headers fail naming the file and what was wrong")
    func errors() throws {
        let notImage = sizeError(Array("hello, world, this is text".utf8), file: "notes.jpg")
        #expect(notImage?.file == "notes.jpg" && notImage?.message.contains("not a PNG, JPEG") == true)
        let truncated = sizeError([0xFF, 0xD8] + segment(0xE0, [1, 2, 3]) + [0xFF, 0xC0, 0x00])
        #expect(truncated?.message.contains("truncated JPEG header") == true)
        let scanFirst = sizeError([0xFF, 0xD8] + segment(0xDA, [1, 1, 0, 0, 63, 0]))
        #expect(scanFirst?.message.contains("scan data at byte 2 before any frame header") == true)
        let dnl = sizeError(jpeg(width: 10, height: 0))
        #expect(dnl?.message.contains("DNL") == true)
        let shortPNG = sizeError([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8))
        #expect(shortPNG?.message.contains("truncated PNG header") == true)
        let empty = sizeError([])
        #expect(empty?.message.contains("unrecognized header") == true)
        do {
            _ = try ImageSize.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.png"))
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "/nonexistent/x.png" && error.message.contains("cannot open the image"))
        }
    }
}
