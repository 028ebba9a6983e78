import CZlib
import Hummingbird

/// A gzip stream (RFC 1952) over zlib's deflate: bytes in, compressed bytes out, chunk by chunk,
/// so a streamed response is compressed as it is written rather than collected first.
///
/// Not thread-safe: one deflater belongs to one response body.
final class GzipDeflater {
    /// zlib's level 4: on JSON pages it keeps most of level 6's ratio at well under its cost,
    /// and the server's CPU is what a busy API runs out of first.
    static let level: Int32 = 4

    private var stream = z_stream()
    private var finished = false

    /// A new gzip stream.
    /// - Throws: `GzipError` when zlib cannot allocate its state.
    init() throws(GzipError) {
        // windowBits 15 + 16 asks zlib for the gzip wrapper rather than a bare zlib stream.
        let status = deflateInit2_(&stream, Self.level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError(status: status) }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// Compresses `input`; with `finish` also writes the stream's trailer. Returns what zlib has
    /// produced so far, which may be empty until enough input has arrived.
    /// - Throws: `GzipError` when zlib reports its state inconsistent (it never should).
    func compress(_ input: ByteBuffer, finish: Bool, allocator: ByteBufferAllocator) throws(GzipError) -> ByteBuffer {
        precondition(!finished, "the gzip stream is already finished")
        var input = input
        var output = allocator.buffer(capacity: input.readableBytes / 4 + 64)
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        let status: Int32 = input.withUnsafeMutableReadableBytes { source in
            stream.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(source.count)
            while true {
                output.reserveCapacity(minimumWritableBytes: 16 * 1024)
                var result = Z_OK
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: 0) { target in
                    stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = UInt32(target.count)
                    result = deflate(&stream, flush)
                    return target.count - Int(stream.avail_out)
                }
                // Without finish, zlib is done once it consumed the input and left output space
                // unused; with it, once it wrote the trailer.
                if result == Z_STREAM_ERROR || result == Z_STREAM_END { return result }
                if !finish, stream.avail_in == 0, stream.avail_out > 0 { return Z_OK }
            }
        }
        stream.next_in = nil
        guard status != Z_STREAM_ERROR else { throw GzipError(status: status) }
        if finish { finished = true }
        return output
    }
}

/// zlib refused to start a stream (it could not allocate memory).
struct GzipError: Error, CustomStringConvertible {
    /// zlib's status code.
    var status: Int32
    var description: String { "gzip failed (zlib status \(status))" }
}
