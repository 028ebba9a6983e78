/// A binary mask in COCO's run-length encoding: column-major (Fortran order) runs that
/// alternate background and foreground, starting with background (a mask that begins with
/// foreground starts with a zero-length run).
///
/// Reference: `maskApi.c` in pycocotools (`rleFrString`, `rleToString`, `rleArea`).
public struct RunLengthMask: Hashable, Sendable, Codable {
    /// Image height in pixels.
    public var height: Int
    /// Image width in pixels.
    public var width: Int
    /// Run lengths; their sum equals `height * width` for a well-formed mask.
    public var counts: [UInt32]

    /// A mask from uncompressed counts (COCO's `{"size": [h, w], "counts": [...]}`).
    public init(height: Int, width: Int, counts: [UInt32]) {
        self.height = height
        self.width = width
        self.counts = counts
    }

    /// Why a compressed RLE string could not be decoded.
    public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Byte offset in the string where decoding failed.
        public var offset: Int
        /// What was wrong there.
        public var reason: String
        /// A one-line explanation.
        public var description: String { "invalid compressed RLE at byte \(offset): \(reason)" }
    }

    /// Decodes COCO's compressed counts string (`{"size": [h, w], "counts": "…"}`).
    ///
    /// Each count is written in 5-bit groups as characters from `0` (48) upward, with bit 5
    /// marking continuation and bit 4 of the last group the sign; counts after the second are
    /// stored as differences to the count two places earlier.
    /// - Throws: `DecodingError` for characters outside the alphabet, a truncated group, or a
    ///   negative run length.
    /// - Complexity: O(n) in the string's length.
    public init(height: Int, width: Int, compressed: String) throws(DecodingError) {
        var counts: [UInt32] = []
        var values: [Int64] = []
        let bytes = Array(compressed.utf8)
        var position = 0
        while position < bytes.count {
            var value: Int64 = 0
            var shift: Int64 = 0
            var more = true
            let start = position
            while more {
                guard position < bytes.count else {
                    throw DecodingError(offset: start, reason: "the string ends inside a count")
                }
                let byte = bytes[position]
                guard byte >= 48, byte < 48 + 64 else {
                    throw DecodingError(offset: position, reason: "character \(byte) is outside the RLE alphabet")
                }
                let chunk = Int64(byte) - 48
                value |= (chunk & 0x1f) << (5 * shift)
                more = chunk & 0x20 != 0
                position += 1
                shift += 1
                guard shift <= 12 else {
                    throw DecodingError(offset: start, reason: "a count longer than 60 bits")
                }
                if !more, chunk & 0x10 != 0 {
                    value |= -1 << (5 * shift)
                }
            }
            if values.count > 2 { value += values[values.count - 2] }
            guard value >= 0, value <= Int64(UInt32.max) else {
                throw DecodingError(offset: start, reason: "run length \(value) is out of range")
            }
            values.append(value)
            counts.append(UInt32(value))
        }
        self.init(height: height, width: width, counts: counts)
    }

    /// The compressed counts string that pycocotools writes for this mask.
    /// - Complexity: O(n) in the number of runs.
    public var compressed: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(counts.count * 2)
        for index in counts.indices {
            var value = Int64(counts[index])
            if index > 2 { value -= Int64(counts[index - 2]) }
            var more = true
            while more {
                var chunk = value & 0x1f
                value >>= 5
                more = (chunk & 0x10) != 0 ? value != -1 : value != 0
                if more { chunk |= 0x20 }
                bytes.append(UInt8(chunk + 48))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Foreground pixel count: the sum of the odd-indexed runs.
    /// - Complexity: O(n) in the number of runs.
    public var area: Int {
        var total = 0
        var index = 1
        while index < counts.count {
            total += Int(counts[index])
            index += 2
        }
        return total
    }

    /// `true` when the runs add up to exactly `height * width` pixels.
    public var isWellFormed: Bool {
        let (pixels, overflow) = height.multipliedReportingOverflow(by: width)
        return height >= 0 && width >= 0 && !overflow && counts.reduce(0) { $0 + Int($1) } == pixels
    }

    /// The box pycocotools' `rleToBbox` reports: the tight box around the foreground, widened to
    /// the full image height when a foreground run continues from one column into the next.
    ///
    /// Ported from pycocotools 2.0.11's `rleToBbox`, which skips zero-length foreground runs (the
    /// original cocoapi version counted the pixel at which such a run would start). A mask without
    /// a foreground pixel, or with height 0, gets a zero box; pycocotools returns one only for an
    /// odd number of runs and otherwise reports `x = width`, `y = height` and sizes wrapped around
    /// 2^32 (its `rleIou` still scores such masks 0, as here).
    /// - Complexity: O(n) in the number of runs.
    public var boundingBox: BoundingBox {
        let zero = BoundingBox(x: 0, y: 0, width: 0, height: 0)
        let runs = (counts.count / 2) * 2
        guard runs > 0, height > 0 else { return zero }
        var xs = width, ys = height, xe = 0, ye = 0
        var end = 0
        var foreground = false
        for j in 0..<runs {
            let start = end
            end += Int(counts[j])
            guard j % 2 == 1, counts[j] > 0 else { continue }
            foreground = true
            let xStart = start / height, xEnd = (end - 1) / height
            xs = min(xs, xStart)
            xe = max(xe, xEnd)
            if xStart < xEnd {
                ys = 0
                ye = height - 1
            } else {
                ys = min(ys, start % height)
                ye = max(ye, (end - 1) % height)
            }
        }
        guard foreground else { return zero }
        return BoundingBox(x: Double(xs), y: Double(ys), width: Double(xe - xs + 1), height: Double(ye - ys + 1))
    }
}
