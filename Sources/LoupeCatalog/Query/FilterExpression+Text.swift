/// Canonical filter text: what `FilterParser.parse` reads back to the same expression.
///
/// Parentheses appear only where precedence needs them (`or` < `and` < `not`; both binary
/// operators group to the left, so a right operand of the same operator is parenthesized),
/// strings are double-quoted with `\" \\ \n \t \r \uXXXX` escapes, integral numbers below 10¹⁵ print
/// without a fraction and others in Swift's shortest round-trip form. A bare boolean field prints
/// as `field = true`. Text that does not parse back: an empty `in []` list and non-finite numbers,
/// neither of which the parser produces.
extension FilterExpression: CustomStringConvertible {
    /// The expression as canonical filter text.
    /// - Complexity: O(size of the tree).
    public var description: String {
        var text = ""
        write(to: &text, loosest: 0)
        return text
    }

    /// 0 for `or`, 1 for `and`, 2 for `not` and predicates.
    private var precedence: Int {
        switch self {
        case .or: 0
        case .and: 1
        default: 2
        }
    }

    /// Appends the expression, parenthesized when it binds looser than `loosest` allows.
    private func write(to text: inout String, loosest: Int) {
        let parenthesized = precedence < loosest
        if parenthesized { text += "(" }
        switch self {
        case .or(let left, let right):
            left.write(to: &text, loosest: 0)
            text += " or "
            right.write(to: &text, loosest: 1)
        case .and(let left, let right):
            left.write(to: &text, loosest: 1)
            text += " and "
            right.write(to: &text, loosest: 2)
        case .not(let operand):
            text += "not "
            operand.write(to: &text, loosest: 2)
        case .compare(let field, let comparison, let value):
            text += "\(field) \(comparison.rawValue) \(value)"
        case .oneOf(let field, let values):
            text += "\(field) in [" + values.map(\.description).joined(separator: ", ") + "]"
        case .between(let field, let low, let high):
            text += "\(field) between \(low) and \(high)"
        case .contains(let field, let needle):
            text += "\(field) ~ \(FilterValue.string(needle))"
        case .isNull(let field, let isNull):
            text += "\(field) is \(isNull ? "" : "not ")null"
        }
        if parenthesized { text += ")" }
    }
}

extension FilterValue: CustomStringConvertible {
    /// The literal as filter text: `12`, `0.25`, `1e+20`, `"say \"hi\""`, `true`.
    public var description: String {
        switch self {
        case .number(let number):
            number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag):
            flag ? "true" : "false"
        case .string(let text):
            Self.quoted(text)
        }
    }

    /// `text` in double quotes, with `\" \\ \n \t \r` escaped and every other control or
    /// line-separator character written `\uXXXX`.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension FilterField: CustomStringConvertible {
    /// The field as filter text: `label_version`, `meta.camera`, `meta."camera model"`,
    /// `gt.count("person")`, `run("A", "strict").fp`.
    public var description: String {
        switch self {
        case .key: "key"
        case .split: "split"
        case .kind: "kind"
        case .uri: "uri"
        case .text: "text"
        case .tag: "tag"
        case .width: "width"
        case .height: "height"
        case .labelVersion: "label_version"
        case .metadata(let name):
            !name.isEmpty && name.unicodeScalars.allSatisfy(FilterLexer.isNameScalar)
                ? "meta." + name : "meta." + FilterValue.quoted(name)
        case .groundTruthClass: "gt.class"
        case .groundTruthCount(let className): className.map { "gt.count(\(FilterValue.quoted($0)))" } ?? "gt.count"
        case .groundTruthArea: "gt.area"
        case .predictionClass(let run): Self.runPrefix(run) + "pred.class"
        case .predictionScore(let run): Self.runPrefix(run) + "pred.score"
        case .runMetric(let run, let key, let metric):
            "run(\(FilterValue.quoted(run))" + (key.map { ", " + FilterValue.quoted($0) } ?? "") + ")." + metric.rawValue
        case .customMetric(let run, let name): "run(\(FilterValue.quoted(run))).custom(\(FilterValue.quoted(name)))"
        case .dataIssue(let kind, let flagged): "issue(\(FilterValue.quoted(kind)))" + (flagged ? ".flagged" : "")
        }
    }

    private static func runPrefix(_ run: String?) -> String {
        run.map { "run(\(FilterValue.quoted($0)))." } ?? ""
    }
}

extension SortKey: CustomStringConvertible {
    /// The key as sort text: `run("A").fp desc`, `key`.
    public var description: String {
        descending ? "\(field) desc" : "\(field)"
    }
}
