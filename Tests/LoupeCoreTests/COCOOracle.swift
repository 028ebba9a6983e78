import Foundation
import LoupeCore

/// A JSON value written the way Python's `json` reads it back exactly: integers without a
/// fraction, doubles in Swift's shortest round-trip form.
indirect enum OracleJSON {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case array([OracleJSON])
    case object([(String, OracleJSON)])

    /// A number that is written as an integer when `integral` and the value is whole.
    static func number(_ value: Double, integral: Bool) -> OracleJSON {
        integral && value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
    }

    func write(into text: inout String) {
        switch self {
        case .int(let value): text += String(value)
        case .double(let value): text += value.description
        case .bool(let value): text += value ? "true" : "false"
        case .string(let value):
            text += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                default: text.unicodeScalars.append(scalar)
                }
            }
            text += "\""
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                OracleJSON.string(key).write(into: &text)
                text += ":"
                value.write(into: &text)
            }
            text += "}"
        }
    }
}
