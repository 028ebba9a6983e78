import LoupeCatalog
import LoupeCore
import Testing

/// Random, type-correct filter trees from a seed: every field, predicate and literal shape,
/// including names and strings full of quotes, backslashes, controls and combining marks.
private struct RandomFilters {
    var generator: SplitMix64

    init(seed: Int) { generator = SplitMix64(seed: UInt64(seed)) }

    mutating func index(_ count: Int) -> Int { generator.nextIndex(below: count) }
    mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }
    mutating func chance(_ probability: Double) -> Bool { generator.nextUnitInterval() < probability }

    static let pieces = ["a", "Z", "0", " ", "\"", "'", "\\", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "é",
                         "e\u{301}", "\u{301}", "😀", "\u{2028}", "-", "_", ".", ";", "--", "DROP TABLE row", "%", "?", "$1",
                         "and", "or", ")", "(", "\\u0041"]

    mutating func string() -> String { (0..<index(5)).map { _ in pick(Self.pieces) }.joined() }

    mutating func name() -> String {
        chance(0.5) ? pick(["camera", "camera-model", "2x", "iso_800", "and", "A"]) : "n" + string()
    }

    mutating func number() -> Double {
        switch index(5) {
        case 0: return Double(index(2001) - 1000)
        case 1: return (generator.nextUnitInterval() - 0.5) * 10
        case 2:
            let bits = Double(bitPattern: generator.next())
            return bits.isFinite ? bits : 0.5
        case 3: return pick([0.1, 1e20, 1e15, 999_999_999_999_999, 1e-7, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1e300, -0.0])
        default: return Double(index(10))
        }
    }

    /// The field and the kind of value it takes: "text", "number", "bool" or "any".
    mutating func field() -> (FilterField, String) {
        let run = "r" + string()
        switch index(17) {
        case 0: return (.key, "text")
        case 1: return (.split, "text")
        case 2: return (.kind, "text")
        case 3: return (.uri, "text")
        case 4: return (.text, "text")
        case 5: return (.tag, "text")
        case 6: return (.width, "number")
        case 7: return (.height, "number")
        case 8: return (.labelVersion, "number")
        case 9: return (.metadata(name()), "any")
        case 10: return (.groundTruthClass, "text")
        case 11: return (.groundTruthCount(className: chance(0.5) ? nil : name()), "number")
        case 12: return (.groundTruthArea, "number")
        case 13: return (.predictionClass(run: chance(0.5) ? nil : run), "text")
        case 14: return (.predictionScore(run: chance(0.5) ? nil : run), "number")
        default:
            let metric = pick(RunRowMetric.allCases)
            return (.runMetric(run: run, key: chance(0.5) ? nil : name(), metric: metric), metric == .correct ? "bool" : "number")
        }
    }

    mutating func value(_ kind: String) -> FilterValue {
        switch kind {
        case "text": return .string(string())
        case "number": return .number(number())
        case "bool": return .bool(chance(0.5))
        default: return pick([.string(string()), .number(number()), .bool(chance(0.5))])
        }
    }

    mutating func predicate() -> FilterExpression {
        let (field, kind) = field()
        switch index(6) {
        case 0: return .oneOf(field, (0...index(4)).map { _ in value(kind) })
        case 1 where kind == "number" || kind == "any": return .between(field, value(kind), value(kind))
        case 2 where kind == "text" || kind == "any": return .contains(field, string())
        case 3: return .isNull(field, chance(0.5))
        default:
            let comparison = kind == "bool" ? pick([ComparisonOperator.equal, .notEqual]) : pick(ComparisonOperator.allCases)
            return .compare(field, comparison, value(kind))
        }
    }

    mutating func expression(depth: Int) -> FilterExpression {
        if depth == 0 || chance(0.3) { return predicate() }
        switch index(3) {
        case 0: return .and(expression(depth: depth - 1), expression(depth: depth - 1))
        case 1: return .or(expression(depth: depth - 1), expression(depth: depth - 1))
        default: return .not(expression(depth: depth - 1))
        }
    }
}

@Suite("FilterParser fuzz: round trips, random input never crashes, values never become syntax")
struct FilterParserFuzzTests {
    /// Parses `text`; a success must read back from its canonical text, a failure must point
    /// inside the text. Returns whether it parsed.
    @discardableResult
    private func exercise(_ text: String) -> Bool {
        let expression: FilterExpression
        do {
            expression = try FilterParser.parse(text)
        } catch {
            #expect((0...text.count).contains(error.position), "\(text.debugDescription): \(error)")
            #expect(!error.message.isEmpty)
            return false
        }
        #expect((try? FilterParser.parse(expression.description)) == expression, "\(text.debugDescription) → \(expression)")
        return true
    }

    @Test("parse(print(e)) == e for 1,200 random trees and 1,200 random sort lists (60 seeds)")
    func roundTrip() throws {
        for seed in 0..<60 {
            var random = RandomFilters(seed: seed)
            for _ in 0..<20 {
                let expression = random.expression(depth: random.index(6))
                let text = expression.description
                do {
                    #expect(try FilterParser.parse(text) == expression, "seed \(seed): \(text.debugDescription)")
                } catch {
                    Issue.record("seed \(seed): \(text.debugDescription) does not parse: \(error)")
                }
                let keys = (0...random.index(4)).map { _ in SortKey(field: random.field().0, descending: random.chance(0.5)) }
                let sortText = keys.map(\.description).joined(separator: ", ")
                #expect(try FilterParser.parseSort(sortText) == keys, "seed \(seed): \(sortText.debugDescription)")
                let dashed = keys.map { ($0.descending ? "-" : "") + "\($0.field)" }.joined(separator: ",")
                #expect(try FilterParser.parseSort(dashed) == keys, "seed \(seed): \(dashed.debugDescription)")
            }
        }
    }

    @Test("3,000 random strings of the language's tokens and random characters: an expression or a located error")
    func tokenSoup() {
        let fields = ["key", "split", "tag", "width", "label_version", "meta.camera", "meta", "gt.class", "gt.count",
                      #"gt.count("a")"#, "gt", "pred.score", #"run("A").fp"#, #"run("A").correct"#, "run", "camera"]
        let tails = ["= \"a\"", "= 3", "!= 'b'", "< 3", ">= -1.5", "> 1e3", "~ \"a\"", "in [1]", "in [\"a\", 'b']",
                     "between 1 and 2", "is null", "is not null", "= true", "!= false", "", "== 3", "in 3", "is 3", "= null",
                     "= 01", "= \"", "= '", "= \"\\u\"", "= \"\\q\"", "! = 3", "not in [1]", "< [", "between 1 2"]
        let joiners = ["and", "or", "and not", "or not", "and", "or", "&&", "||", "AND", ",", ")", "("]
        let others = [" ", "\u{0}", "é", "😀", "\u{301}", "$", ";", "-", "asc", "desc", ".", "(", ")"]
        let all = fields + tails + joiners + others
        var parsed = 0
        for seed in 0..<30 {
            var random = RandomFilters(seed: 1000 + seed)
            for _ in 0..<100 {
                // One to four `field tail` groups joined by connectives, with one piece in twelve
                // replaced by any token, another character or a random ASCII scalar.
                var pieces: [String] = []
                for group in 0..<(1 + random.index(4)) {
                    if group > 0 { pieces.append(random.pick(joiners)) }
                    if random.chance(0.1) { pieces.append(random.pick(["not", "("])) }
                    pieces += [random.pick(fields), random.pick(tails)]
                }
                pieces = pieces.map { piece in
                    switch random.index(24) {
                    case 0: random.pick(all)
                    case 1: String(Unicode.Scalar(UInt8(random.index(128))))
                    default: piece
                    }
                }
                let text = pieces.joined(separator: random.chance(0.8) ? " " : "")
                if exercise(text) { parsed += 1 }
                _ = try? FilterParser.parseSort(text)
            }
        }
        #expect(parsed > 100, "only \(parsed) random token strings parsed")
    }

    @Test("2,400 mutations (one to three edits) of valid filters: an expression or a located error")
    func mutations() {
        var parsed = 0
        let insertions = ["(", ")", "\"", "'", "\\", " and ", " or ", "not ", "=", ",", "]", ".", "-", "\u{0}", "e\u{301}"]
        for seed in 0..<40 {
            var random = RandomFilters(seed: 5000 + seed)
            for _ in 0..<20 {
                var scalars = Array(random.expression(depth: random.index(4)).description.unicodeScalars)
                for _ in 0..<3 {
                    var mutated = scalars
                    let at = random.index(mutated.count + 1)
                    switch random.index(3) {
                    case 0 where at < mutated.count: mutated.removeSubrange(at..<min(mutated.count, at + 1 + random.index(4)))
                    case 1: mutated.insert(contentsOf: random.pick(insertions).unicodeScalars, at: at)
                    default: mutated = Array(mutated[..<at]) + Array(mutated[random.index(max(1, mutated.count))...])
                    }
                    var text = String.UnicodeScalarView()
                    text.append(contentsOf: mutated)
                    if exercise(String(text)) { parsed += 1 }
                    scalars = mutated.count < 2_000 ? mutated : scalars
                }
            }
        }
        #expect(parsed > 100, "only \(parsed) mutated filters parsed")
    }

    @Test("600 strings of random bytes (lossy UTF-8): an expression or a located error")
    func randomBytes() {
        var generator = SplitMix64(seed: 77)
        for _ in 0..<600 {
            let count = generator.nextIndex(below: 200)
            let bytes = (0..<count).map { _ in UInt8(generator.nextIndex(below: 256)) }
            let text = String(decoding: bytes, as: UTF8.self)
            exercise(text)
            _ = try? FilterParser.parseSort(text)
        }
        exercise(String(repeating: "\u{0}", count: 1000))
    }

    @Test("quotes, semicolons, comments and SQL in strings stay plain string values")
    func injection() throws {
        #expect(try FilterParser.parse(#"key = "x'; DROP TABLE row; --""#) == .compare(.key, .equal, .string("x'; DROP TABLE row; --")))
        #expect(try FilterParser.parse(#"key = 'x\'; DROP TABLE row; --'"#) == .compare(.key, .equal, .string("x'; DROP TABLE row; --")))
        #expect(try FilterParser.parse(#"meta."a\"; DROP TABLE row; --" = "1 OR 1=1""#)
            == .compare(.metadata(#"a"; DROP TABLE row; --"#), .equal, .string("1 OR 1=1")))
        let nasty = [#"" OR 1=1 --"#, "'; DELETE FROM dataset WHERE '1'='1", "Robert'); DROP TABLE students;--", "%' OR '%'='",
                     ") OR (1=1", "?", "?1", "$1", ":name", "/* c */", "' || '", "\\'", "\u{0}'; --", "--", ";", "\\\"", "a\\"]
        for value in nasty {
            for quote in ["\"", "'"] {
                var quoted = quote
                for character in value {
                    if character == "\\" || String(character) == quote { quoted += "\\" }
                    quoted.append(character)
                }
                quoted += quote
                #expect(try FilterParser.parse("key = \(quoted)") == .compare(.key, .equal, .string(value)), "\(quoted)")
                #expect(try FilterParser.parse("meta.\(quoted) ~ \(quoted)") == .contains(.metadata(value), value))
                #expect(try FilterParser.parse("run(\(quoted), \(quoted)).fp > 1 or split in [\(quoted), \(quoted)]")
                    == .or(.compare(.runMetric(run: value, key: value, metric: .fp), .greater, .number(1)),
                           .oneOf(.split, [.string(value), .string(value)])))
            }
        }
        // Outside quotes, SQL is not the language.
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse(#"key = "a" -- comment"#) }
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse(#"key = "a" or 1=1"#) }
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse("key = a; DROP TABLE row") }
    }

    @Test("huge inputs end quickly: deep nesting, long strings, long lists, long names", .timeLimit(.minutes(1)))
    func hugeInputs() throws {
        #expect(throws: FilterSyntaxError(position: 100, message: "nesting deeper than 100 levels",
                                          hint: "remove redundant parentheses and double negations")) {
            try FilterParser.parse(String(repeating: "(", count: 200_000))
        }
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse(String(repeating: "not ", count: 200_000)) }
        let long = String(repeating: "ab", count: 500_000)
        #expect(try FilterParser.parse("key ~ \"\(long)\"") == .contains(.key, long))
        let values = (0..<100_000).map { FilterValue.number(Double($0)) }
        let list = "width in [" + (0..<100_000).map(String.init).joined(separator: ",") + "]"
        #expect(try FilterParser.parse(list) == .oneOf(.width, values))
        let name = String(repeating: "x", count: 1_000_000)
        do {
            _ = try FilterParser.parse(name + " = 1")
            Issue.record("a million-letter field parsed")
        } catch {
            #expect(error.position == 0)
            #expect(error.message == "unknown field xxxxxxxxxxxxxxxxxxxxxxxx…")
        }
        // The largest filter allowed, a 1,000-deep left chain, prints and reads back.
        let chain = Array(repeating: "width = 1", count: 1000).joined(separator: " or ")
        let expression = try FilterParser.parse(chain)
        #expect(expression.description == chain)
        #expect(try FilterParser.parse(expression.description) == expression)
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse(String(repeating: "\"", count: 1) + long) }
    }
}
