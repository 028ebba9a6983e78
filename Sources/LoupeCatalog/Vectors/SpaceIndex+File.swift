import Foundation
import LoupeCore

extension SpaceIndex {
    /// The bytes of the index file: `LOUPESIX`, a format version, the space id, the metric, the
    /// kind, the entries (embedding id, row, dataset) and the index's own serialization, all
    /// little-endian. The space's vectors stay in the store; this is a cache that spares
    /// rebuilding (an HNSW build over a million vectors takes minutes).
    static let magic = Array("LOUPESIX".utf8)
    /// Bumped when the layout changes; an older file is rebuilt, never misread.
    static let formatVersion: UInt32 = 1

    /// The index as file bytes.
    /// - Complexity: O(size of the index).
    func fileBytes() -> [UInt8] {
        var bytes = Self.magic
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        append(Self.formatVersion)
        append(space.id)
        append(UInt64(space.dimension))
        append(UInt8(VectorMetric.allCases.firstIndex(of: metric)!))
        append(UInt8(kind == .exact ? 0 : 1))
        let held = entries.values.sorted { $0.id < $1.id }
        append(UInt64(held.count))
        for entry in held {
            append(entry.id)
            append(entry.rowID)
            append(entry.datasetID)
        }
        let index: [UInt8] = switch storage {
        case .exact(let exact): exact.serialized()
        case .hnsw(let hnsw): hnsw.serialized()
        }
        append(UInt64(index.count))
        bytes += index
        return bytes
    }

    /// The index in file bytes, or `nil` when they are not an index of `space` under `metric` in
    /// this format (another version, another space, a truncated or corrupt file): the caller
    /// rebuilds then.
    static func read(_ bytes: [UInt8], space: EmbeddingSpace, metric: VectorMetric, parameters: HNSWParameters) -> SpaceIndex? {
        var offset = 0
        func take<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard offset + MemoryLayout<T>.size <= bytes.count else { return nil }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<(offset + MemoryLayout<T>.size)]) }
            offset += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { return nil }
        offset = magic.count
        guard take(UInt32.self) == formatVersion, take(Int64.self) == space.id, take(UInt64.self) == UInt64(space.dimension),
              let metricCode = take(UInt8.self), Int(metricCode) < VectorMetric.allCases.count,
              VectorMetric.allCases[Int(metricCode)] == metric,
              let kindCode = take(UInt8.self), kindCode <= 1, let count = take(UInt64.self),
              count <= UInt64(bytes.count / 24) else { return nil }
        var result = SpaceIndex(space: space, metric: metric, kind: kindCode == 0 ? .exact : .hnsw, parameters: parameters)
        result.entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let id = take(Int64.self), let row = take(Int64.self), let dataset = take(Int64.self) else { return nil }
            result.entries[id] = EmbeddingEntry(id: id, rowID: row, objectID: nil, datasetID: dataset)
            result.embeddingOfRow[row] = id
            result.vectorsPerDataset[dataset, default: 0] += 1
        }
        guard let length = take(UInt64.self), UInt64(bytes.count - offset) == length else { return nil }
        let body = Array(bytes[offset...])
        do {
            if kindCode == 0 {
                let index = try ExactVectorIndex(serialized: body)
                guard index.metric == metric, index.count == result.entries.count else { return nil }
                result.storage = .exact(index)
            } else {
                let index = try HNSWIndex(serialized: body)
                guard index.metric == metric, index.count == result.entries.count else { return nil }
                result.storage = .hnsw(index)
            }
        } catch {
            return nil
        }
        return result
    }
}
