import Foundation

/// Byte sizes as people write them: `512M`, `2G`, `1048576`, `1.5GiB`, with binary units.
public enum ByteCount {
    private static let units: [(suffix: String, factor: Double)] = [
        ("KIB", 0x1p10), ("MIB", 0x1p20), ("GIB", 0x1p30), ("TIB", 0x1p40),
        ("KB", 0x1p10), ("MB", 0x1p20), ("GB", 0x1p30), ("TB", 0x1p40),
        ("K", 0x1p10), ("M", 0x1p20), ("G", 0x1p30), ("T", 0x1p40), ("B", 1),
    ]

    /// The number of bytes `text` names (`512M` is 512 × 2^20), or `nil` when it is not a
    /// positive size.
    public static func parse(_ text: String) -> Int? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        var number = Substring(upper)
        var factor = 1.0
        if let unit = units.first(where: { upper.hasSuffix($0.suffix) }) {
            number = upper.dropLast(unit.suffix.count)
            factor = unit.factor
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value > 0, value.isFinite else { return nil }
        let bytes = (value * factor).rounded(.down)
        guard bytes >= 1, bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }

    /// A size for people: `1 GiB`, `512 MiB`, `1.5 KiB`, `100 bytes`.
    public static func text(_ bytes: Int) -> String {
        for (suffix, factor) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= factor {
            let value = Double(bytes) / Double(factor)
            let shown = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
            return "\(shown) \(suffix)"
        }
        return "\(bytes) bytes"
    }
}
