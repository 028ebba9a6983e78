import Foundation

/// The `Accept-Encoding` request header (RFC 9110 §12.5.3), asked one question: may the response
/// be gzip-compressed?
struct AcceptEncoding {
    /// The codings with their weights, lowercased, in the order sent.
    private let weights: [(coding: Substring, quality: Double)]

    /// Parses a header value; codings that do not parse are ignored, as the RFC allows.
    init(_ header: String?) {
        weights = (header ?? "").lowercased().split(separator: ",").compactMap { element in
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces)[...] }
            guard let coding = parts.first, !coding.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                guard let value = Double(parameter.dropFirst(2)), (0...1).contains(value) else { return nil }
                quality = value
            }
            return (coding, quality)
        }
    }

    /// `true` when the client accepts gzip: named with a non-zero weight, or covered by `*` with a
    /// non-zero weight and not refused by name (`gzip;q=0`). `x-gzip` counts as `gzip`.
    var acceptsGzip: Bool {
        if let named = weights.last(where: { $0.coding == "gzip" || $0.coding == "x-gzip" }) { return named.quality > 0 }
        if let any = weights.last(where: { $0.coding == "*" }) { return any.quality > 0 }
        return false
    }
}
