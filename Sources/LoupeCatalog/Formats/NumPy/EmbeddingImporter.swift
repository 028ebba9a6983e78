import Foundation
import LoupeCore

/// Reads embeddings from a NumPy `.npy` array (one vector a row, see `NPYReader`) and a key list
/// (one row key per vector, see below) into an `ImportBatch` whose `embeddings` hold the vectors
/// for the space `spaceName`. No rows are made: every key must name a row of the dataset.
///
/// The key list is a text file with one key a line (`\n` or `\r\n`, final line end optional, no
/// empty lines, keys exactly as written) or a JSON array of strings. Errors name the file at
/// fault: a vector count that differs from the key count (naming both files and both counts),
/// an empty or duplicate key (its line or `$[i]`), and a NaN or infinite value (its row, with its
/// key, and column; float64 values beyond the float32 range become infinite and are refused too).
public struct EmbeddingImporter: Sendable {
    /// The embedding space the vectors belong to.
    public var spaceName: String

    /// An importer for the space `spaceName`.
    public init(spaceName: String) {
        self.spaceName = spaceName
    }

    /// Reads a `.npy` file and its key list.
    /// - Throws: `ImportError` when a file cannot be read or holds bad input.
    /// - Complexity: O(rows × dimension).
    public func read(vectors: URL, keys: URL) throws(ImportError) -> ImportBatch {
        try parse(vectors: ImportFile.contents(of: vectors), vectorsFile: vectors.path,
                  keys: ImportFile.contents(of: keys), keysFile: keys.path)
    }

    /// Parses the bytes of a `.npy` file and of its key list; the file names are for messages.
    /// - Throws: `ImportError` for bad input (see the type's documentation).
    /// - Complexity: O(rows × dimension).
    public func parse(vectors: Data, vectorsFile: String, keys: Data, keysFile: String) throws(ImportError) -> ImportBatch {
        let matrix = try NPYReader.matrix(from: vectors, file: vectorsFile)
        let rowKeys = try EmbeddingKeyList(parsing: keys, file: keysFile).keys
        guard matrix.rows == rowKeys.count else {
            throw ImportError(file: vectorsFile, message: "\(vectorsFile) holds \(matrix.rows) vectors "
                              + "but \(keysFile) lists \(rowKeys.count) keys; they must match one to one")
        }
        if let bad = matrix.values.firstIndex(where: { !$0.isFinite }) {
            let row = bad / matrix.columns
            throw ImportError(file: vectorsFile, message: "row \(row) (0-based; key '\(rowKeys[row])') holds a non-finite value "
                              + "at column \(bad % matrix.columns): \(matrix.values[bad])")
        }
        return ImportBatch(source: vectorsFile, embeddings: EmbeddingSet(spaceName: spaceName, rowKeys: rowKeys, vectors: matrix))
    }
}
