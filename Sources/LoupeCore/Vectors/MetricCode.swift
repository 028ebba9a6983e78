/// The one-byte codes of ``VectorMetric`` in serialized indexes.
enum MetricCode {
    static func code(of metric: VectorMetric) -> UInt8 {
        switch metric {
        case .cosine: 0
        case .innerProduct: 1
        case .l2: 2
        }
    }

    static func metric(_ code: UInt8, reader: VectorIndexReader) throws(VectorIndexError) -> VectorMetric {
        switch code {
        case 0: .cosine
        case 1: .innerProduct
        case 2: .l2
        default: throw reader.corrupt("unknown metric code \(code)")
        }
    }
}
