import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoupeCore
@testable import LoupeServer
import Testing

/// gzip when the client accepts it, and HEAD for every GET.
@Suite("compression and HEAD")
struct CompressionTests {
    static let rowsPath = "/api/v1/datasets/voc100/rows?filter=gt.count%20%3E%3D%202&limit=50"

    @Test("a JSON page is gzip-compressed when accepted and inflates to the same bytes")
    func gzipJSON() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let plain = try await client.send(Self.rowsPath)
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[values: .vary].contains("Accept-Encoding"))
            #expect(plain.body.count > 1024)

            let compressed = try await client.send(Self.rowsPath, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8, *;q=0.1"])
            #expect(compressed.status == .ok)
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(compressed.headers[values: .vary].contains("Accept-Encoding"))
            #expect(compressed.headers[.contentLength].flatMap { Int($0) } ?? compressed.body.count == compressed.body.count)
            #expect(compressed.body.count < plain.body.count / 3)
            #expect(try gunzip(compressed.body) == plain.body)
        }
    }

    @Test("gzip refused, not offered, or a small body: sent as it is", arguments: [
        (rowsPath, "gzip;q=0, *"), (rowsPath, "br, identity"), (rowsPath, ""),
        ("/api/v1/datasets/voc100/rows/missing-row", "gzip"), ("/api/v1/models", "gzip"),
    ])
    func notCompressed(path: String, acceptEncoding: String) async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let reply = try await client.send(path, headers: acceptEncoding.isEmpty ? [:] : [.acceptEncoding: acceptEncoding])
            #expect(reply.headers[.contentEncoding] == nil)
            #expect(try JSONSerialization.jsonObject(with: reply.body) is [String: Any])
        }
    }

    @Test("images are never compressed: they are compressed already and ranges address the file")
    func imagesAsTheyAre() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let reply = try await client.send("/api/v1/datasets/voc100/assets/2007_000027.jpg", headers: [.acceptEncoding: "gzip"])
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentEncoding] == nil)
            #expect(reply.body.starts(with: [0xFF, 0xD8]))
        }
    }

    @Test("HEAD answers what GET would without gzip, headers and length, without a body")
    func head() async throws {
        let workspace = try await ServerWorkspace.sharedVOC100.value
        try await withServer(workspace) { client in
            let get = try await client.send(Self.rowsPath)
            let head = try await client.send(Self.rowsPath, method: .head)
            #expect(head.status == .ok)
            #expect(head.body.isEmpty)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.headers[.contentLength] == String(get.body.count))

            // HEAD answers for the identity encoding even when gzip is accepted: the gzip length
            // is not known without the body.
            let headGzip = try await client.send(Self.rowsPath, method: .head, headers: [.acceptEncoding: "gzip"])
            #expect(headGzip.headers[.contentEncoding] == nil)
            #expect(headGzip.headers[.contentLength] == String(get.body.count))
            #expect(headGzip.headers[values: .vary].contains("Accept-Encoding"))
            #expect(headGzip.body.isEmpty)

            let image = try await client.send("/api/v1/datasets/voc100/assets/2007_000027.jpg", method: .head)
            let imageGet = try await client.send("/api/v1/datasets/voc100/assets/2007_000027.jpg")
            #expect(image.status == .ok)
            #expect(image.body.isEmpty)
            #expect(image.headers[.eTag] == imageGet.headers[.eTag])
            #expect(image.headers[.contentLength] == String(imageGet.body.count))

            let missing = try await client.send("/api/v1/datasets/nope", method: .head)
            #expect(missing.status == .notFound)
            #expect(missing.body.isEmpty)
        }
    }

    @Test("a body written in many chunks makes one gzip stream that inflates to their concatenation")
    func chunkedStream() throws {
        let deflater = try GzipDeflater()
        var generator = SplitMix64(seed: 7)
        var original = Data()
        var compressed = Data()
        for chunk in 0..<40 {
            // Text-like chunks, some empty, some larger than zlib's window.
            let size = chunk % 7 == 0 ? 0 : Int(generator.next() % 70_000)
            let text = (0..<size).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 6) }
            original.append(contentsOf: text)
            let output = try deflater.compress(ByteBuffer(bytes: text), finish: false, allocator: ByteBufferAllocator())
            compressed.append(contentsOf: output.readableBytesView)
        }
        let trailer = try deflater.compress(ByteBuffer(), finish: true, allocator: ByteBufferAllocator())
        compressed.append(contentsOf: trailer.readableBytesView)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(try gunzip(compressed) == original)
        #expect(compressed.count < original.count / 2)
    }

    @Test("Accept-Encoding: names, weights and the wildcard", arguments: [
        ("gzip", true), ("GZIP", true), ("x-gzip", true), ("deflate, gzip;q=0.5", true), ("*", true), ("*;q=0", false),
        ("gzip;q=0", false), ("gzip;q=0.0, *", false), ("br", false), ("", false), ("identity;q=1, *;q=0.2", true),
        ("gzip;q=2", false), ("gzip;q=abc", false),
    ])
    func acceptEncoding(header: String, accepts: Bool) {
        #expect(AcceptEncoding(header).acceptsGzip == accepts)
    }
}
