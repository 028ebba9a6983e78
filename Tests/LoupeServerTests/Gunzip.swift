import CZlib
import Foundation

/// Decompresses a whole gzip stream with zlib's inflate: the reference the server's gzip
/// responses are read back with. Throws when the stream is corrupt or truncated.
func gunzip(_ data: Data) throws -> Data {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw TestFailure("inflateInit2 failed")
    }
    defer { inflateEnd(&stream) }
    var input = [UInt8](data)
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var status = Z_OK
    try input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        repeat {
            let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                status = inflate(&stream, Z_NO_FLUSH)
                return target.count - Int(stream.avail_out)
            }
            output.append(contentsOf: chunk[..<produced])
            if status != Z_OK && status != Z_STREAM_END { throw TestFailure("inflate failed with status \(status)") }
            if status == Z_OK && stream.avail_in == 0 && produced == 0 { throw TestFailure("the gzip stream is truncated") }
        } while status != Z_STREAM_END
    }
    return output
}
