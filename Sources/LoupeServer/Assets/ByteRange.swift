import Foundation

/// A single HTTP byte range (`Range: bytes=a-b`, `bytes=a-`, `bytes=-n`) resolved against a file size.
enum ByteRange: Hashable, Sendable {
    /// Serve these bytes (inclusive bounds) with 206.
    case partial(ClosedRange<Int64>)
    /// Serve the whole file with 200: no header, several ranges, or a header that is not a byte range.
    case whole
    /// No byte of the range is in the file: 416.
    case unsatisfiable

    /// The range a `Range` header asks of a file of `size` bytes. Headers that do not parse are
    /// ignored, as RFC 9110 allows; so are multiple ranges (the whole file is a valid answer).
    init(header: String?, size: Int64) {
        guard let header else { self = .whole; return }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { self = .whole; return }
        let spec = trimmed.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        let isDigits: (String) -> Bool = { !$0.isEmpty && $0.count <= 18 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        if first.isEmpty {
            // A suffix: the last n bytes.
            guard isDigits(last), let count = Int64(last) else { self = .whole; return }
            guard count > 0, size > 0 else { self = .unsatisfiable; return }
            self = .partial(max(0, size - count)...(size - 1))
            return
        }
        guard isDigits(first), let start = Int64(first) else { self = .whole; return }
        var end = size - 1
        if !last.isEmpty {
            guard isDigits(last), let given = Int64(last), given >= start else { self = .whole; return }
            end = min(given, size - 1)
        }
        guard start < size else { self = .unsatisfiable; return }
        self = .partial(start...end)
    }
}
