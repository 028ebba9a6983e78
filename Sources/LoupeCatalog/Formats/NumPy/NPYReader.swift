import Foundation
import LoupeCore

/// Reads a 2-D NumPy `.npy` array of floats (one embedding a row) into a `RowMajorMatrix`.
///
/// Accepted: format versions 1.0, 2.0 and 3.0; dtypes float32 and float64 in either byte order
/// (`<f4`, `<f8`, `>f4`, `>f8`; float64 is rounded to `Float`); C (row-major) order; shape
/// `(rows, dimension)` with `dimension > 0`. The file must end exactly where the data does.
/// Refused with an `ImportError` naming the file: other dtypes, Fortran order (save with
/// `np.ascontiguousarray`), 1-D or 3-D and higher shapes, a truncated or over-long file.
///
/// Values are read as they are: NaN and infinity pass through here and are refused by
/// `EmbeddingImporter`.
public enum NPYReader {
    /// Reads a `.npy` file.
    /// - Throws: `ImportError` when the file cannot be read or is not a supported array.
    /// - Complexity: O(rows × dimension).
    public static func matrix(contentsOf url: URL) throws(ImportError) -> RowMajorMatrix {
        let data = try ImportFile.contents(of: url)
        return try matrix(from: data, file: url.path)
    }

    /// Reads `.npy` bytes; `file` names them in errors.
    /// - Throws: `ImportError` when they are not a supported array (see the type's documentation).
    /// - Complexity: O(rows × dimension).
    public static func matrix(from data: Data, file: String) throws(ImportError) -> RowMajorMatrix {
        let header = try NPYHeader(parsing: data, file: file)
        func fail(_ message: String) -> ImportError { ImportError(file: file, message: message) }
        let descr = header.descr
        guard descr.count == 3, let order = descr.first, order == "<" || order == ">",
              let itemSize = ["f4": 4, "f8": 8][String(descr.dropFirst())] else {
            throw fail("unsupported dtype '\(descr)': expected float32 or float64 ('<f4', '<f8', '>f4' or '>f8')")
        }
        guard !header.fortranOrder else {
            throw fail("the array is in Fortran (column-major) order; save it in C order, e.g. np.save(path, np.ascontiguousarray(a))")
        }
        let shapeText = "(" + header.shape.map(String.init).joined(separator: ", ") + (header.shape.count == 1 ? ",)" : ")")
        guard header.shape.count == 2 else {
            if header.shape.count == 1 {
                throw fail("a 1-D array of \(header.shape[0]) values: expected a 2-D array (rows, dimension); "
                           + "reshape it, e.g. a.reshape(1, -1) for one vector")
            }
            throw fail("an array of shape \(shapeText): expected a 2-D array (rows, dimension)")
        }
        let rows = header.shape[0], columns = header.shape[1]
        guard columns > 0 else { throw fail("an array of shape \(shapeText): the dimension (second axis) must be at least 1") }
        let (count, countOverflow) = rows.multipliedReportingOverflow(by: columns)
        let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: itemSize)
        guard !countOverflow, !bytesOverflow else { throw fail("an array of shape \(shapeText) is too large") }
        let available = data.count - header.dataOffset
        guard available == bytes else {
            let expected = "\(rows) × \(columns) \(itemSize == 4 ? "float32" : "float64") values (\(bytes) bytes after the \(header.dataOffset)-byte header)"
            if available < bytes { throw fail("the file is truncated: the header promises \(expected), the file has \(available) bytes") }
            throw fail("the file has \(available - bytes) bytes after the data: the header promises \(expected)")
        }
        let swapped = (order == ">") == (1.littleEndian == 1)
        var values = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            let payload = UnsafeRawBufferPointer(rebasing: raw[header.dataOffset...])
            values.withUnsafeMutableBufferPointer { out in
                if itemSize == 4 {
                    for index in 0..<count {
                        let word = payload.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                        out[index] = Float(bitPattern: swapped ? word.byteSwapped : word)
                    }
                } else {
                    for index in 0..<count {
                        let word = payload.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                        out[index] = Float(Double(bitPattern: swapped ? word.byteSwapped : word))
                    }
                }
            }
        }
        return RowMajorMatrix(rows: rows, columns: columns, values: values)
    }
}
