import Foundation

/// A C-order `.npy` array of float32 or int64 values, as NumPy's `np.save` writes it.
struct NumpyArray {
    var shape: [Int]
    var floats: [Float] = []
    var integers: [Int64] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        guard data.count >= 10, data.prefix(6) == Data([0x93] + Array("NUMPY".utf8)) else {
            throw Failure(description: "\(path): not an .npy file")
        }
        let major = data[6]
        let headerLength = major == 1 ? Int(data[8]) | Int(data[9]) << 8
            : Int(data[8]) | Int(data[9]) << 8 | Int(data[10]) << 16 | Int(data[11]) << 24
        let headerStart = major == 1 ? 10 : 12
        let header = String(decoding: data[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard header.contains("'fortran_order': False") else { throw Failure(description: "\(path): Fortran order") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw Failure(description: "\(path): no shape in \(header)")
        }
        shape = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let body = data.subdata(in: (headerStart + headerLength)..<data.count)
        if header.contains("'<f4'") {
            floats = [Float](repeating: 0, count: count)
            _ = floats.withUnsafeMutableBytes { body.copyBytes(to: $0) }
        } else if header.contains("'<i8'") {
            integers = [Int64](repeating: 0, count: count)
            _ = integers.withUnsafeMutableBytes { body.copyBytes(to: $0) }
        } else {
            throw Failure(description: "\(path): dtype must be <f4 or <i8: \(header)")
        }
    }
}
