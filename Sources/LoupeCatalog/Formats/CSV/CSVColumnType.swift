/// The type of a CSV metadata column, decided from all of its non-empty cells: numbers when every
/// cell is a decimal number, booleans when every cell is `true` or `false` (any case), dates when
/// every cell is a complete ISO 8601 date, otherwise text. A column of only empty cells is text
/// (and adds nothing, as empty cells are absent values).
enum CSVColumnType: Equatable {
    case number, bool, date, string

    /// The type that fits every cell of `cells` (empty cells ignored).
    static func infer(_ cells: some Sequence<String>) -> CSVColumnType {
        var number = true, bool = true, date = true
        var any = false
        for cell in cells where !cell.isEmpty {
            any = true
            if number, parseNumber(cell) == nil { number = false }
            if bool, parseBool(cell) == nil { bool = false }
            if date, ISO8601.date(from: cell) == nil { date = false }
            if !number, !bool, !date { return .string }
        }
        guard any else { return .string }
        return number ? .number : bool ? .bool : .date
    }

    /// The value of a non-empty cell of a column of this type.
    func value(_ cell: String) -> MetadataValue {
        switch self {
        case .number: .number(Self.parseNumber(cell)!)
        case .bool: .bool(Self.parseBool(cell)!)
        case .date: .date(ISO8601.date(from: cell)!)
        case .string: .string(cell)
        }
    }

    /// A finite decimal number: an optional sign, digits with an optional fraction (or a fraction
    /// alone, `.5`), and an optional exponent. Not `inf`, `nan`, hexadecimal or digit separators.
    static func parseNumber(_ cell: String) -> Double? {
        var digits = 0
        var state = 0 // 0 sign, 1 integer, 2 fraction, 3 exponent sign, 4 exponent
        var exponentDigits = 0
        for byte in cell.utf8 {
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if state == 0 { state = 1 } else if state == 3 { state = 4 } else { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if state == 0 { state = 1 }
                if state == 3 { state = 4 }
                if state == 4 { exponentDigits += 1 } else { digits += 1 }
            case UInt8(ascii: "."):
                guard state <= 1 else { return nil }
                state = 2
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard state == 1 || state == 2, digits > 0 else { return nil }
                state = 3
            default:
                return nil
            }
        }
        guard digits > 0, state != 3, state != 4 || exponentDigits > 0, let value = Double(cell), value.isFinite else { return nil }
        return value
    }

    /// `true` or `false` in any case.
    static func parseBool(_ cell: String) -> Bool? {
        switch cell.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}
