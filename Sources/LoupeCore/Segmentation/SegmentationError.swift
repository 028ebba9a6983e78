/// Why a mask cannot be counted or painted: sizes that disagree, or a pixel value that is not a
/// class index. Carries the pixel (row-major index into the mask) where it was found.
public struct SegmentationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 0-based pixel index, when one pixel is at fault.
    public var pixel: Int?
    /// What was wrong.
    public var reason: String

    /// An error at an optional pixel.
    public init(pixel: Int? = nil, reason: String) {
        self.pixel = pixel
        self.reason = reason
    }

    /// A one-line explanation with the location.
    public var description: String {
        pixel.map { "pixel \($0): \(reason)" } ?? reason
    }
}
