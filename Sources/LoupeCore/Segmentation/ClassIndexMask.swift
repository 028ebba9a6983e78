/// A semantic-segmentation label image: one class index per pixel, row-major (`y * width + x`,
/// the layout of a PNG label image and of NumPy's default C order).
public struct ClassIndexMask: Hashable, Sendable {
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// `height * width` class indices, row after row.
    public private(set) var classIndices: [UInt16]

    /// A mask over existing class indices.
    /// - Throws: `SegmentationError` when `classIndices.count != height * width`.
    public init(height: Int, width: Int, classIndices: [UInt16]) throws(SegmentationError) {
        guard height >= 0, width >= 0, classIndices.count == height * width else {
            throw SegmentationError(reason: "\(classIndices.count) pixels for a \(height)×\(width) mask")
        }
        self.height = height
        self.width = width
        self.classIndices = classIndices
    }

    /// The class-index mask painted from per-class COCO run-length masks.
    ///
    /// Every pixel starts as `background`; then each `(classIndex, mask)` pair in order sets its
    /// foreground pixels to `classIndex`. **Later pairs win** where masks overlap (painter's
    /// order): sort the pairs first to get another rule, e.g. ascending score so that the most
    /// confident detection ends on top, or ascending class index so that the highest index wins.
    /// The run-length masks are column-major (COCO/pycocotools `decode` order) and are transposed
    /// into this row-major layout while painting.
    ///
    /// - Throws: `SegmentationError` when a mask's size differs from `height × width` or its runs do
    ///   not add up to `height * width` pixels.
    /// - Complexity: O(height · width + total runs).
    public init(height: Int, width: Int, painting masks: [(classIndex: UInt16, mask: RunLengthMask)],
                background: UInt16 = 0) throws(SegmentationError) {
        guard height >= 0, width >= 0 else {
            throw SegmentationError(reason: "negative mask size \(height)×\(width)")
        }
        var pixels = [UInt16](repeating: background, count: height * width)
        for (position, entry) in masks.enumerated() {
            let mask = entry.mask
            guard mask.height == height, mask.width == width else {
                throw SegmentationError(reason: "mask \(position) is \(mask.height)×\(mask.width), expected \(height)×\(width)")
            }
            guard mask.isWellFormed else {
                throw SegmentationError(reason: "mask \(position)'s runs do not add up to \(height * width) pixels")
            }
            Self.paint(mask, value: entry.classIndex, into: &pixels)
        }
        self.height = height
        self.width = width
        self.classIndices = pixels
    }

    /// Sets the foreground pixels of a well-formed column-major run-length mask to `value` in a
    /// row-major buffer: a private decode that walks each foreground run down its columns.
    private static func paint(_ mask: RunLengthMask, value: UInt16, into pixels: inout [UInt16]) {
        let height = mask.height, width = mask.width
        guard height > 0 else { return }
        pixels.withUnsafeMutableBufferPointer { out in
            var start = 0
            for (index, run) in mask.counts.enumerated() {
                let length = Int(run)
                if index % 2 == 1, length > 0 {
                    var y = start % height
                    var x = start / height
                    for _ in 0..<length {
                        out[y * width + x] = value
                        y += 1
                        if y == height {
                            y = 0
                            x += 1
                        }
                    }
                }
                start += length
            }
        }
    }
}
