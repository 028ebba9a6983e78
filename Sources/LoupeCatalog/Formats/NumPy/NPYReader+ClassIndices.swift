import Foundation

extension NPYReader {
    /// A 2-D integer array (height × width) of class indices, as semantic-segmentation tools save
    /// their masks (`np.save(path, mask)` with `uint8`, `uint16`, `int32`, …).
    ///
    /// Accepts the integer dtypes `u1 i1 u2 i2 u4 i4 u8 i8` in either byte order, C or Fortran
    /// order (Fortran is transposed back to row-major). Values must lie in `0...Int32.max`.
    /// - Throws: `ImportError` naming the file for another dtype or rank, a truncated file, or a
    ///   negative or too large value (with its row and column).
    /// - Complexity: O(height · width).
    public static func classIndices(contentsOf url: URL) throws(ImportError) -> (height: Int, width: Int, values: [Int32]) {
        let data = try ImportFile.contents(of: url)
        let file = url.path
        let header = try NPYHeader(parsing: data, file: file)
        func fail(_ message: String) -> ImportError { ImportError(file: file, message: message) }
        let descr = header.descr
        let kind = String(descr.dropFirst())
        guard descr.count == 3, let order = descr.first, ["<", ">", "|", "="].contains(order),
              let itemSize = ["u1": 1, "i1": 1, "u2": 2, "i2": 2, "u4": 4, "i4": 4, "u8": 8, "i8": 8][kind] else {
            throw fail("unsupported dtype '\(descr)': expected an integer class-index mask (uint8, uint16, int32, …)")
        }
        guard header.shape.count == 2 else {
            throw fail("an array of \(header.shape.count) dimensions: expected a 2-D mask (height, width)")
        }
        let height = header.shape[0], width = header.shape[1]
        let (count, overflow) = height.multipliedReportingOverflow(by: width)
        guard !overflow, data.count - header.dataOffset == count * itemSize else {
            throw fail("the file has \(data.count - header.dataOffset) bytes of data; the header promises \(height) × \(width) × \(itemSize)")
        }
        let swapped = order == ">" && 1.littleEndian == 1
        let signed = kind.hasPrefix("i")
        var values = [Int32](repeating: 0, count: count)
        var bad: (index: Int, value: Int64)?
        data.withUnsafeBytes { raw in
            let payload = UnsafeRawBufferPointer(rebasing: raw[header.dataOffset...])
            for index in 0..<count {
                let value: Int64
                switch itemSize {
                case 1: value = signed ? Int64(Int8(bitPattern: payload[index])) : Int64(payload[index])
                case 2:
                    let word = payload.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)
                    let host = swapped ? word.byteSwapped : word
                    value = signed ? Int64(Int16(bitPattern: host)) : Int64(host)
                case 4:
                    let word = payload.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    let host = swapped ? word.byteSwapped : word
                    value = signed ? Int64(Int32(bitPattern: host)) : Int64(host)
                default:
                    let word = payload.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                    let host = swapped ? word.byteSwapped : word
                    value = signed ? Int64(bitPattern: host) : (host > UInt64(Int32.max) ? -1 : Int64(host))
                }
                guard value >= 0, value <= Int64(Int32.max) else {
                    if bad == nil { bad = (index, value) }
                    continue
                }
                // Fortran order stores column after column; the mask is returned row-major.
                let target = header.fortranOrder ? (index % height) * width + index / height : index
                values[target] = Int32(value)
            }
        }
        if let bad {
            let (row, column) = header.fortranOrder ? (bad.index % height, bad.index / height) : (bad.index / width, bad.index % width)
            throw fail("class index \(bad.value) at row \(row), column \(column) is not in 0...\(Int32.max)")
        }
        return (height, width, values)
    }
}
