import Foundation
import LoupeCore

/// Reads embeddings from JSON Lines, one vector a line, into an `ImportBatch` whose `embeddings`
/// hold them for the space `spaceName`:
///
/// ```
/// {"key": "000001.jpg", "vector": [0.013, -0.27, …]}
/// ```
///
/// This is the one-file form of `EmbeddingImporter`'s `.npy` and key list, for uploads over HTTP
/// and for scripts without NumPy. No rows are made: every key must name a row of the dataset.
/// Blank lines are skipped; other fields are ignored with a warning. Errors name the line and
/// JSON path: a missing or empty key, a key already seen (with its first line), a vector that is
/// empty, holds a non-number, a value that is not finite as a float32 (±3.4e38), or whose length
/// differs from the first line's.
public struct EmbeddingLinesImporter: Sendable {
    /// The embedding space the vectors belong to.
    public var spaceName: String

    /// An importer for the space `spaceName`.
    public init(spaceName: String) {
        self.spaceName = spaceName
    }

    /// Reads a `.jsonl` file.
    /// - Throws: `ImportError` when the file cannot be read or holds bad input.
    /// - Complexity: O(n) in the file size; large files are read in parallel chunks.
    public func read(contentsOf url: URL) throws(ImportError) -> ImportBatch {
        try parse(ImportFile.contents(of: url), file: url.path)
    }

    /// Parses a file's bytes; `file` names it in the batch and in errors.
    /// - Throws: `ImportError` for the first bad line.
    /// - Complexity: O(n) in the file size.
    public func parse(_ data: Data, file: String) throws(ImportError) -> ImportBatch {
        let outcome: Result<ImportBatch, ImportError> = data.withUnsafeBytes { raw in
            do throws(ImportError) {
                return .success(try parse(raw.bindMemory(to: UInt8.self), file: file))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(ImportError) -> ImportBatch {
        // The first line sets the length every chunk expects, so a mismatch names that line.
        var first = EmbeddingLinesChunk(file: file, dimension: nil)
        JSONLImporter.forEachLine(bytes) { line, number in
            _ = first.add(line, number: number)
            return false
        }
        let expected = first.dimension
        let pieces = JSONLImporter.chunks(of: bytes, firstLine: 1)
        let chunks = ConcurrentMap.map(count: pieces.count) { index in
            var chunk = EmbeddingLinesChunk(file: file, dimension: expected)
            JSONLImporter.forEachLine(pieces[index].0, firstNumber: pieces[index].1) { line, number in
                chunk.add(line, number: number)
            }
            return chunk
        }
        var keys: [String] = []
        var values: [Float] = []
        var firstLine: [String: Int] = [:]
        var warnings = ImportWarningCounter()
        for chunk in chunks {
            // A chunk's keys come before its error, and an earlier chunk's error has been thrown.
            for (offset, key) in chunk.keys.enumerated() {
                let line = chunk.lines[offset]
                if let first = firstLine.updateValue(line, forKey: key) {
                    throw ImportError(file: file, location: .lineAndPath(line, "$.key"), message: "duplicate key '\(key)': already on line \(first)")
                }
            }
            if let error = chunk.error { throw error }
            keys.append(contentsOf: chunk.keys)
            values.append(contentsOf: chunk.values)
            warnings.merge(chunk.warnings)
        }
        guard let dimension = expected else { throw ImportError(file: file, message: "\(file) holds no vectors: expected lines like {\"key\": \"…\", \"vector\": [0.1, …]}") }
        var batch = ImportBatch(source: file, embeddings: EmbeddingSet(
            spaceName: spaceName, rowKeys: keys, vectors: RowMajorMatrix(rows: keys.count, columns: dimension.size, values: values)))
        batch.warnings = warnings.warnings
        return batch
    }
}
