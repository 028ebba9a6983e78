import Foundation
import LoupeCore

/// Writes a `RowMajorMatrix` as a NumPy `.npy` file: little-endian float32 (`<f4`), C order,
/// shape `(rows, columns)`, format version 1.0 (a 2-D header is always far below its 64 KiB limit).
///
/// The bytes equal what `np.save(path, a)` writes for a `float32` array of that shape, including
/// the header's spare space and its padding to a 64-byte boundary.
public enum NPYWriter {
    /// The `.npy` bytes of `matrix`.
    /// - Complexity: O(rows × columns).
    public static func data(for matrix: RowMajorMatrix) -> Data {
        // As numpy.lib.format._write_array_header: sorted keys, repr values, spare room for the
        // first axis to grow to 21 digits, then spaces and `\n` up to a multiple of 64 bytes.
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
        header += String(repeating: " ", count: max(0, 21 - String(matrix.rows).count))
        let headerBytes = header.utf8.count + 1
        let padding = 64 - (10 + headerBytes) % 64
        let length = headerBytes + padding
        var data = Data(NPYHeader.magic)
        data.append(contentsOf: [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.append(contentsOf: [UInt8](repeating: 0x20, count: padding))
        data.append(0x0A)
        data.reserveCapacity(data.count + matrix.values.count * 4)
        matrix.values.withUnsafeBufferPointer { values in
            if 1.littleEndian == 1 {
                data.append(UnsafeBufferPointer(start: values.baseAddress, count: values.count))
            } else {
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            }
        }
        return data
    }

    /// Writes `matrix` to a `.npy` file (replacing it atomically).
    /// - Throws: the file system's error when the file cannot be written.
    public static func write(_ matrix: RowMajorMatrix, to url: URL) throws {
        try data(for: matrix).write(to: url, options: .atomic)
    }
}
