import Foundation
import Hummingbird

extension Request {
    /// Streams the body into a new file in `directory`, counting bytes, and returns the file
    /// with its size. A `Content-Length` over `limit` is refused before a byte is read, a body
    /// that grows past it as soon as it does; either way with 413 and no file left behind.
    /// - Throws: `APIError.uploadTooLarge`, `APIError.badRequest` for an empty body, or an I/O error.
    func streamBody(into directory: URL, limit: Int) async throws -> (file: URL, bytes: Int) {
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw APIError.uploadTooLarge(limit: limit)
        }
        let file = directory.appendingPathComponent("loupe-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        var bytes = 0
        do {
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            for try await buffer in body {
                bytes += buffer.readableBytes
                guard bytes <= limit else { throw APIError.uploadTooLarge(limit: limit) }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
            guard bytes > 0 else { throw APIError.badRequest("the request body is empty; send the file to import as the body") }
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return (file, bytes)
    }
}
