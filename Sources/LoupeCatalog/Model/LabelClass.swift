/// One class of a dataset's label schema.
///
/// `ordinal` is the class's stable position in the schema (0, 1, 2, … in order of creation):
/// it is the index into a prediction's class-probability vector and the YOLO class index on
/// export, and it never changes once assigned.
public struct LabelClass: Hashable, Sendable, Codable, Identifiable {
    /// Store-assigned id.
    public var id: Int64
    /// The dataset whose schema holds the class.
    public var datasetID: Int64
    /// Stable position in the schema, from 0.
    public var ordinal: Int
    /// Unique name within the dataset.
    public var name: String
    /// Display colour as `#rrggbb`.
    public var color: String

    /// A class value as read from a store.
    public init(id: Int64, datasetID: Int64, ordinal: Int, name: String, color: String) {
        self.id = id
        self.datasetID = datasetID
        self.ordinal = ordinal
        self.name = name
        self.color = color
    }

    /// A deterministic, well-spread default colour for the class at `ordinal`
    /// (golden-angle hues at fixed saturation and lightness).
    public static func defaultColor(ordinal: Int) -> String {
        let hue = (Double(ordinal) * 137.508).truncatingRemainder(dividingBy: 360) / 360
        let (r, g, b) = hslToRGB(hue: hue, saturation: 0.65, lightness: 0.5)
        func hex(_ v: Double) -> String {
            let byte = Int((v * 255).rounded())
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }

    private static func hslToRGB(hue: Double, saturation: Double, lightness: Double) -> (Double, Double, Double) {
        let q = lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - lightness * saturation
        let p = 2 * lightness - q
        func channel(_ t0: Double) -> Double {
            var t = t0
            if t < 0 { t += 1 }
            if t > 1 { t -= 1 }
            if t < 1.0 / 6 { return p + (q - p) * 6 * t }
            if t < 0.5 { return q }
            if t < 2.0 / 3 { return p + (q - p) * (2.0 / 3 - t) * 6 }
            return p
        }
        return (channel(hue + 1.0 / 3), channel(hue), channel(hue - 1.0 / 3))
    }
}
