import Foundation

/// An image's pixel size, read from its file header without decoding any pixels.
///
/// Supported containers: PNG (`IHDR`), JPEG (the first start-of-frame marker `SOF0`…`SOF15`,
/// skipping `DHT`, `JPG`, `DAC`, application and other segments), GIF (logical screen),
/// BMP (`BITMAPINFOHEADER` and the old `BITMAPCOREHEADER`) and WebP (`VP8 `, `VP8L`, `VP8X`).
///
/// The size is the stored size: a JPEG's EXIF orientation is not applied, as COCO's
/// `width`/`height` and YOLO's relative coordinates refer to the stored pixels too.
public struct ImageSize: Hashable, Sendable, CustomStringConvertible {
    /// Width in pixels, `> 0`.
    public var width: Int
    /// Height in pixels, `> 0`.
    public var height: Int

    /// A size in pixels.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// `640×480`.
    public var description: String { "\(width)×\(height)" }

    /// Reads the size from the file's header: the first 4 KiB, and for a JPEG whose frame
    /// header comes after large segments (EXIF thumbnails, ICC profiles) only the 4-byte
    /// header of each segment it skips.
    /// - Throws: `ImportError` naming the file when it cannot be opened, is not a supported
    ///   image, or its header is truncated or malformed.
    /// - Complexity: O(s) reads for a JPEG with `s` segments before its frame header; O(1) otherwise.
    public static func read(contentsOf url: URL) throws(ImportError) -> ImageSize {
        let path = url.path
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError(file: path, message: "cannot open the image: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var source = ImageByteSource.file(FileWindow(handle: handle, path: path))
        return try parse(&source, file: path)
    }

    /// Reads the size from a header already in memory (the whole file, or at least its header).
    /// - Throws: `ImportError` naming `file` when the bytes are not a supported image header.
    public static func parse(_ bytes: [UInt8], file: String) throws(ImportError) -> ImageSize {
        var source = ImageByteSource.memory(bytes)
        return try parse(&source, file: file)
    }

    private static func parse(_ source: inout ImageByteSource, file: String) throws(ImportError) -> ImageSize {
        let head = try source.bytes(at: 0, count: 32)
        func starts(with prefix: [UInt8]) -> Bool { head.count >= prefix.count && Array(head.prefix(prefix.count)) == prefix }
        let size: ImageSize
        if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            size = try png(head, file: file)
        } else if starts(with: [0xFF, 0xD8]) {
            size = try jpeg(&source, file: file)
        } else if starts(with: Array("GIF8".utf8)) {
            guard head.count >= 10 else { throw truncated("GIF", file) }
            size = ImageSize(width: Int(le16(head, 6)), height: Int(le16(head, 8)))
        } else if starts(with: Array("BM".utf8)) {
            size = try bmp(head, file: file)
        } else if starts(with: Array("RIFF".utf8)), head.count >= 12, Array(head[8..<12]) == Array("WEBP".utf8) {
            size = try webp(head, file: file)
        } else {
            throw ImportError(file: file, message: "not a PNG, JPEG, GIF, BMP or WebP image (unrecognized header)")
        }
        guard size.width > 0, size.height > 0 else {
            throw ImportError(file: file, message: "the image header gives an empty size \(size.width)×\(size.height)")
        }
        return size
    }

    // MARK: Containers

    private static func png(_ head: [UInt8], file: String) throws(ImportError) -> ImageSize {
        guard head.count >= 24 else { throw truncated("PNG", file) }
        guard Array(head[12..<16]) == Array("IHDR".utf8) else {
            throw ImportError(file: file, message: "malformed PNG: the first chunk is not IHDR")
        }
        let width = be32(head, 16), height = be32(head, 20)
        guard width <= Int32.max, height <= Int32.max else {
            throw ImportError(file: file, message: "malformed PNG: size \(width)×\(height) exceeds 2^31 - 1")
        }
        return ImageSize(width: Int(width), height: Int(height))
    }

    /// Walks the marker segments from `SOI` to the first frame header.
    private static func jpeg(_ source: inout ImageByteSource, file: String) throws(ImportError) -> ImageSize {
        var offset = 2
        while true {
            // Find the next 0xFF, then skip fill bytes (0xFF runs) to the marker code.
            var byte = try source.byte(at: offset, file: file, format: "JPEG")
            while byte != 0xFF {
                offset += 1
                byte = try source.byte(at: offset, file: file, format: "JPEG")
            }
            var marker: UInt8 = 0xFF
            while marker == 0xFF {
                offset += 1
                marker = try source.byte(at: offset, file: file, format: "JPEG")
            }
            offset += 1
            switch marker {
            case 0x00, 0x01, 0xD0...0xD8:
                continue  // stuffed byte, TEM, RSTn, SOI: no length
            case 0xD9, 0xDA:
                throw ImportError(file: file, message: "malformed JPEG: \(marker == 0xDA ? "scan data" : "end of image") "
                                  + "at byte \(offset - 2) before any frame header (SOF)")
            default:
                break
            }
            let lengthBytes = try source.bytes(at: offset, count: 2)
            guard lengthBytes.count == 2 else { throw truncated("JPEG", file) }
            let length = Int(be16(lengthBytes, 0))
            guard length >= 2 else {
                throw ImportError(file: file, message: "malformed JPEG: segment length \(length) at byte \(offset)")
            }
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                let frame = try source.bytes(at: offset + 2, count: 5)
                guard frame.count == 5 else { throw truncated("JPEG", file) }
                let height = Int(be16(frame, 1)), width = Int(be16(frame, 3))
                guard height > 0 else {
                    throw ImportError(file: file, message: "unsupported JPEG: the height is defined later by a DNL marker")
                }
                return ImageSize(width: width, height: height)
            }
            offset += length
        }
    }

    private static func bmp(_ head: [UInt8], file: String) throws(ImportError) -> ImageSize {
        guard head.count >= 26 else { throw truncated("BMP", file) }
        let headerSize = le32(head, 14)
        if headerSize == 12 {
            return ImageSize(width: Int(le16(head, 18)), height: Int(le16(head, 20)))
        }
        guard headerSize >= 40 else {
            throw ImportError(file: file, message: "malformed BMP: DIB header size \(headerSize)")
        }
        // Height is negative for top-down bitmaps.
        let width = Int(Int32(bitPattern: le32(head, 18))), height = Int(Int32(bitPattern: le32(head, 22)))
        return ImageSize(width: width, height: abs(height))
    }

    private static func webp(_ head: [UInt8], file: String) throws(ImportError) -> ImageSize {
        guard head.count >= 30 else { throw truncated("WebP", file) }
        let chunk = String(decoding: head[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8X":
            let width = Int(head[24]) | Int(head[25]) << 8 | Int(head[26]) << 16
            let height = Int(head[27]) | Int(head[28]) << 8 | Int(head[29]) << 16
            return ImageSize(width: width + 1, height: height + 1)
        case "VP8L":
            guard head[20] == 0x2F else { throw ImportError(file: file, message: "malformed WebP: bad VP8L signature") }
            let bits = le32(head, 21)
            return ImageSize(width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1)
        case "VP8 ":
            guard head[23] == 0x9D, head[24] == 0x01, head[25] == 0x2A else {
                throw ImportError(file: file, message: "malformed WebP: bad VP8 key frame start code")
            }
            return ImageSize(width: Int(le16(head, 26) & 0x3FFF), height: Int(le16(head, 28) & 0x3FFF))
        default:
            throw ImportError(file: file, message: "unsupported WebP chunk '\(chunk)'")
        }
    }

    // MARK: Helpers

    private static func truncated(_ format: String, _ file: String) -> ImportError {
        ImportError(file: file, message: "truncated \(format) header: the file ends before the image size")
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    private static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

/// Where header bytes come from: a buffer in memory or a file read through a small window.
private enum ImageByteSource {
    case memory([UInt8])
    case file(FileWindow)

    /// Up to `count` bytes from `offset`; fewer at the end of the data.
    mutating func bytes(at offset: Int, count: Int) throws(ImportError) -> [UInt8] {
        switch self {
        case .memory(let bytes):
            guard offset < bytes.count else { return [] }
            return Array(bytes[offset..<min(bytes.count, offset + count)])
        case .file(var window):
            let result = try window.bytes(at: offset, count: count)
            self = .file(window)
            return result
        }
    }

    /// The byte at `offset`, or a "truncated" error naming the format.
    mutating func byte(at offset: Int, file: String, format: String) throws(ImportError) -> UInt8 {
        let bytes = try bytes(at: offset, count: 1)
        guard let byte = bytes.first else {
            throw ImportError(file: file, message: "truncated \(format) header: the file ends before the image size")
        }
        return byte
    }
}

/// A file read through a 4 KiB window that moves (by seeking) when a read falls outside it.
private struct FileWindow {
    static let windowSize = 4096
    let handle: FileHandle
    let path: String
    var start = 0
    var buffer: [UInt8] = []
    var loaded = false

    init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
    }

    mutating func bytes(at offset: Int, count: Int) throws(ImportError) -> [UInt8] {
        let inside = loaded && offset >= start && offset + count <= start + buffer.count
        // A window shorter than its size means the end of the file: do not read again.
        let atEnd = loaded && buffer.count < Self.windowSize && offset >= start
        if !inside && !atEnd {
            do {
                try handle.seek(toOffset: UInt64(offset))
                buffer = Array(try handle.read(upToCount: max(count, Self.windowSize)) ?? Data())
            } catch {
                throw ImportError(file: path, message: "cannot read the image: \(error.localizedDescription)")
            }
            start = offset
            loaded = true
        }
        let from = offset - start
        guard from < buffer.count else { return [] }
        return Array(buffer[from..<min(buffer.count, from + count)])
    }
}
