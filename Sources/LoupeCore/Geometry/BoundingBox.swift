/// An axis-aligned box in pixels, COCO's `[x, y, width, height]` with a top-left origin.
///
/// Zero width or height is allowed (real COCO files contain such boxes); negative or
/// non-finite values are rejected by importers before a box is built.
public struct BoundingBox: Hashable, Sendable, Codable {
    /// Left edge in pixels.
    public var x: Double
    /// Top edge in pixels.
    public var y: Double
    /// Width in pixels, `>= 0`.
    public var width: Double
    /// Height in pixels, `>= 0`.
    public var height: Double

    /// A box from its top-left corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A box from two corners given in any order (normalized so that width and height are `>= 0`).
    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.init(x: min(x1, x2), y: min(y1, y2), width: abs(x2 - x1), height: abs(y2 - y1))
    }

    /// A box from YOLO's relative centre form `cx cy w h` in `[0, 1]` and the image size in pixels.
    public init(relativeCenterX cx: Double, centerY cy: Double, width w: Double, height h: Double,
                imageWidth: Int, imageHeight: Int) {
        let width = w * Double(imageWidth)
        let height = h * Double(imageHeight)
        self.init(x: cx * Double(imageWidth) - width / 2, y: cy * Double(imageHeight) - height / 2,
                  width: width, height: height)
    }

    /// Right edge, `x + width`.
    public var maxX: Double { x + width }
    /// Bottom edge, `y + height`.
    public var maxY: Double { y + height }
    /// `width * height`; zero for degenerate boxes.
    public var area: Double { width * height }
    /// `true` when all four numbers are finite and the size is not negative.
    public var isValid: Bool {
        x.isFinite && y.isFinite && width.isFinite && height.isFinite && width >= 0 && height >= 0
    }

    /// YOLO's relative centre form `(cx, cy, w, h)` for an image of the given size.
    public func relativeCenterForm(imageWidth: Int, imageHeight: Int) -> (cx: Double, cy: Double, w: Double, h: Double) {
        let W = Double(imageWidth), H = Double(imageHeight)
        return ((x + width / 2) / W, (y + height / 2) / H, width / W, height / H)
    }
}
