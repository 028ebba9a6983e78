/// A searchable set of vectors under `Int64` ids, compared with one ``VectorMetric``: the common
/// interface of ``ExactVectorIndex`` (brute force, the oracle) and ``HNSWIndex`` (approximate).
///
/// - Adds are incremental; adding an id that is present replaces its vector.
/// - With ``VectorMetric/cosine`` vectors are normalized on add and queries on search; a zero
///   vector stays zero and has similarity 0 with everything.
/// - ``search(queries:k:filter:)`` returns, per query row, at most `k` hits best first (largest
///   ``VectorSearchHit/score``, the metric's similarity), ties by ascending id. Only ids for which
///   `filter` returns `true` are returned. The filter may be called from several threads at once
///   and must not mutate shared state.
/// - ``serialized()`` and ``init(serialized:)`` round-trip the whole index in a little-endian
///   binary format versioned per index kind; the catalog stores it beside the workspace.
public protocol VectorIndex {
    /// Columns of every vector.
    var dimension: Int { get }
    /// How vectors are compared.
    var metric: VectorMetric { get }
    /// Number of ids currently searchable (removed ids excluded).
    var count: Int { get }

    /// Adds (or replaces) `vectors.rows` vectors under `ids`, row `i` under `ids[i]`. When an id
    /// repeats within the call, its last row wins.
    /// - Throws: ``VectorIndexError`` `.idCountMismatch`, `.dimensionMismatch`, or
    ///   `.nonFiniteValue` (naming the row); nothing is added then.
    mutating func add(ids: [Int64], vectors: RowMajorMatrix) throws(VectorIndexError)

    /// Removes `ids`; ids that are absent are ignored. Returns how many were removed.
    @discardableResult
    mutating func remove(ids: [Int64]) -> Int

    /// Whether `id` is in the index.
    func contains(id: Int64) -> Bool

    /// The stored vector of `id` (normalized for cosine), or `nil` when absent.
    func vector(for id: Int64) -> [Float]?

    /// The `k` nearest stored vectors to each row of `queries`, best first, ties by id; fewer
    /// when fewer ids pass `filter`; empty for `k <= 0`.
    /// - Throws: ``VectorIndexError`` `.dimensionMismatch` or `.nonFiniteValue` for a bad query.
    func search(queries: RowMajorMatrix, k: Int, filter: ((Int64) -> Bool)?) throws(VectorIndexError) -> [[VectorSearchHit]]

    /// The whole index as bytes, readable by ``init(serialized:)``.
    func serialized() -> [UInt8]

    /// The index written by ``serialized()``.
    /// - Throws: ``VectorIndexError`` `.truncated` (with the byte offset and the field that was
    ///   being read) or `.corrupt` for a buffer that is not such an index.
    init(serialized bytes: [UInt8]) throws(VectorIndexError)
}

extension VectorIndex {
    /// ``search(queries:k:filter:)`` without a filter.
    public func search(queries: RowMajorMatrix, k: Int) throws(VectorIndexError) -> [[VectorSearchHit]] {
        try search(queries: queries, k: k, filter: nil)
    }

    /// The `k` nearest stored vectors to one query vector, best first.
    public func search(vector: [Float], k: Int, filter: ((Int64) -> Bool)? = nil) throws(VectorIndexError) -> [VectorSearchHit] {
        try search(queries: RowMajorMatrix(rows: 1, columns: vector.count, values: vector), k: k, filter: filter)[0]
    }
}
