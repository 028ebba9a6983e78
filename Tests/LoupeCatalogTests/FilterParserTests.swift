import LoupeCatalog
import Testing

/// Shorthands for hand-written expected trees.
private func text(_ field: FilterField, _ value: String) -> FilterExpression { .compare(field, .equal, .string(value)) }
private let a = text(.key, "a")
private let b = text(.key, "b")
private let c = text(.key, "c")
private let d = text(.key, "d")

@Suite("FilterParser: every construct to its tree, precedence, sort keys, canonical text")
struct FilterParserTests {
    private func parsed(_ filter: String) throws -> FilterExpression { try FilterParser.parse(filter) }

    @Test("row fields: text fields take strings, numeric fields numbers, every operator")
    func rowFields() throws {
        for (name, field) in [("key", FilterField.key), ("split", .split), ("kind", .kind), ("uri", .uri), ("text", .text),
                              ("tag", .tag), ("gt.class", .groundTruthClass), ("pred.class", .predictionClass(run: nil))] {
            #expect(try parsed("\(name) = \"x\"") == .compare(field, .equal, .string("x")))
        }
        for (name, field) in [("width", FilterField.width), ("height", .height), ("label_version", .labelVersion),
                              ("gt.count", .groundTruthCount(className: nil)), ("gt.area", .groundTruthArea),
                              ("pred.score", .predictionScore(run: nil))] {
            #expect(try parsed("\(name) >= 2") == .compare(field, .greaterOrEqual, .number(2)))
        }
        #expect(try parsed("width = 640") == .compare(.width, .equal, .number(640)))
        #expect(try parsed("width != 640") == .compare(.width, .notEqual, .number(640)))
        #expect(try parsed("width < 640") == .compare(.width, .less, .number(640)))
        #expect(try parsed("width <= 640") == .compare(.width, .lessOrEqual, .number(640)))
        #expect(try parsed("width > 640") == .compare(.width, .greater, .number(640)))
        #expect(try parsed("width>=640") == .compare(.width, .greaterOrEqual, .number(640)))
        #expect(try parsed("key < 'm'") == .compare(.key, .less, .string("m")))
    }

    @Test("metadata: bare and quoted names, any literal, a bare name means = true")
    func metadata() throws {
        #expect(try parsed(#"meta.camera = "x100""#) == text(.metadata("camera"), "x100"))
        #expect(try parsed(#"meta."camera model" = 'x'"#) == text(.metadata("camera model"), "x"))
        #expect(try parsed("meta.camera-model_2 = 1") == .compare(.metadata("camera-model_2"), .equal, .number(1)))
        #expect(try parsed("meta.2x = false") == .compare(.metadata("2x"), .equal, .bool(false)))
        #expect(try parsed("meta.and = true") == .compare(.metadata("and"), .equal, .bool(true)))
        #expect(try parsed("meta . iso > 800") == .compare(.metadata("iso"), .greater, .number(800)))
        #expect(try parsed("meta.night") == .compare(.metadata("night"), .equal, .bool(true)))
        #expect(try parsed(#"meta.site ~ "north""#) == .contains(.metadata("site"), "north"))
        #expect(try parsed(#"meta.taken between "2024-01-01" and "2024-02-01""#)
            == .between(.metadata("taken"), .string("2024-01-01"), .string("2024-02-01")))
        #expect(try parsed(#"meta.q in [1, "a", true]"#) == .oneOf(.metadata("q"), [.number(1), .string("a"), .bool(true)]))
    }

    @Test("ground truth, predictions and run fields")
    func objectAndRunFields() throws {
        #expect(try parsed(#"gt.count("person") > 3"#) == .compare(.groundTruthCount(className: "person"), .greater, .number(3)))
        #expect(try parsed("gt.count > 0") == .compare(.groundTruthCount(className: nil), .greater, .number(0)))
        #expect(try parsed("gt.area < 1024") == .compare(.groundTruthArea, .less, .number(1024)))
        #expect(try parsed(#"run("A").pred.class = "cat""#) == text(.predictionClass(run: "A"), "cat"))
        #expect(try parsed(#"run('A').pred.score >= 0.5"#) == .compare(.predictionScore(run: "A"), .greaterOrEqual, .number(0.5)))
        #expect(try parsed(#"run("baseline").fp >= 2"#) == .compare(.runMetric(run: "baseline", key: nil, metric: .fp), .greaterOrEqual, .number(2)))
        #expect(try parsed(#"run("A", "strict").iou < 0.5"#) == .compare(.runMetric(run: "A", key: "strict", metric: .iou), .less, .number(0.5)))
        for metric in RunRowMetric.allCases where metric != .correct {
            #expect(try parsed(#"run("A").\#(metric.rawValue) > 1"#) == .compare(.runMetric(run: "A", key: nil, metric: metric), .greater, .number(1)))
        }
        let correct = FilterField.runMetric(run: "A", key: nil, metric: .correct)
        #expect(try parsed(#"run("A").correct"#) == .compare(correct, .equal, .bool(true)))
        #expect(try parsed(#"run("A").correct = false"#) == .compare(correct, .equal, .bool(false)))
        #expect(try parsed(#"run("A").correct != true"#) == .compare(correct, .notEqual, .bool(true)))
        #expect(try parsed(#"run("A").correct in [false]"#) == .oneOf(correct, [.bool(false)]))
    }

    @Test("in, between, ~, is null, is not null")
    func predicates() throws {
        #expect(try parsed(#"split in ["train", 'val']"#) == .oneOf(.split, [.string("train"), .string("val")]))
        #expect(try parsed("width in [1]") == .oneOf(.width, [.number(1)]))
        #expect(try parsed("width between 10 and 20.5") == .between(.width, .number(10), .number(20.5)))
        #expect(try parsed(#"key ~ "cat""#) == .contains(.key, "cat"))
        #expect(try parsed(#"key ~ """#) == .contains(.key, ""))
        #expect(try parsed("meta.x is null") == .isNull(.metadata("x"), true))
        #expect(try parsed("tag is not null") == .isNull(.tag, false))
        #expect(try parsed(#"run("A").fp is null"#) == .isNull(.runMetric(run: "A", key: nil, metric: .fp), true))
    }

    @Test("numbers are JSON numbers; strings take both quotes and the escapes")
    func literals() throws {
        let numbers: [(String, Double)] = [("0", 0), ("-12", -12), ("3.5", 3.5), ("1e3", 1000), ("1E-2", 0.01),
                                           ("-0.5e+2", -50), ("0.1", 0.1), ("1.7976931348623157e308", .greatestFiniteMagnitude)]
        for (written, value) in numbers {
            #expect(try parsed("width = \(written)") == .compare(.width, .equal, .number(value)), "\(written)")
        }
        #expect(try parsed(#"key = "a\"b\'c\\d\ne\tf\rg\/h\u00e9""#) == text(.key, "a\"b'c\\d\ne\tf\rg/h\u{e9}"))
        #expect(try parsed(#"key = 'it\'s "quoted"'"#) == text(.key, "it's \"quoted\""))
        #expect(try parsed(#"key = "\uD83D\uDE00 \u0000""#) == text(.key, "😀 \u{0}"))
        #expect(try parsed("key = \"café 😀 e\u{301}\"") == text(.key, "café 😀 e\u{301}"))
        #expect(try parsed("key = \"two\nlines\"") == text(.key, "two\nlines"))
        #expect(try parsed(#"key = "x" or key = 'x'"#) == .or(text(.key, "x"), text(.key, "x")))
    }

    @Test("precedence: not binds tighter than and, and tighter than or; both group to the left")
    func precedence() throws {
        #expect(try parsed(#"key = "a" or key = "b" and key = "c""#) == .or(a, .and(b, c)))
        #expect(try parsed(#"not key = "a" and key = "b""#) == .and(.not(a), b))
        #expect(try parsed(#"not (key = "a" and key = "b")"#) == .not(.and(a, b)))
        #expect(try parsed(#"key = "a" and key = "b" or key = "c" and key = "d""#) == .or(.and(a, b), .and(c, d)))
        #expect(try parsed(#"key = "a" or key = "b" or key = "c""#) == .or(.or(a, b), c))
        #expect(try parsed(#"key = "a" and key = "b" and key = "c""#) == .and(.and(a, b), c))
        #expect(try parsed(#"key = "a" and (key = "b" or key = "c")"#) == .and(a, .or(b, c)))
        #expect(try parsed(#"not not key = "a""#) == .not(.not(a)))
        #expect(try parsed(#"((key = "a"))"#) == a)
        #expect(try parsed(#"width between 1 and 2 and key = "a""#) == .and(.between(.width, .number(1), .number(2)), a))
        #expect(try parsed(#"not meta.night or run("A").correct"#)
            == .or(.not(.compare(.metadata("night"), .equal, .bool(true))),
                   .compare(.runMetric(run: "A", key: nil, metric: .correct), .equal, .bool(true))))
        #expect(try parsed("  key=\"a\"and(key='b')\n") == .and(a, b))
    }

    @Test("the documented examples")
    func examples() throws {
        #expect(try parsed(#"meta.camera = "x100" and run("baseline").fp >= 2"#)
            == .and(text(.metadata("camera"), "x100"), .compare(.runMetric(run: "baseline", key: nil, metric: .fp), .greaterOrEqual, .number(2))))
        #expect(try parsed(#"gt.count("person") > 3 and not tag = "reviewed""#)
            == .and(.compare(.groundTruthCount(className: "person"), .greater, .number(3)), .not(text(.tag, "reviewed"))))
        #expect(try parsed(#"run("A").correct = false and run("A").confidence > 0.9"#)
            == .and(.compare(.runMetric(run: "A", key: nil, metric: .correct), .equal, .bool(false)),
                    .compare(.runMetric(run: "A", key: nil, metric: .confidence), .greater, .number(0.9))))
    }

    @Test("sort keys: -field, asc, desc, several, blank")
    func sortKeys() throws {
        #expect(try FilterParser.parseSort(#"-run("A").fp, key"#)
            == [SortKey(field: .runMetric(run: "A", key: nil, metric: .fp), descending: true), SortKey(field: .key)])
        #expect(try FilterParser.parseSort(#"width asc, height desc, meta."camera model", gt.count("cat") desc"#)
            == [SortKey(field: .width), SortKey(field: .height, descending: true), SortKey(field: .metadata("camera model")),
                SortKey(field: .groundTruthCount(className: "cat"), descending: true)])
        #expect(try FilterParser.parseSort("") == [])
        #expect(try FilterParser.parseSort(" \n ") == [])
        #expect(try FilterParser.parseSort("- pred.score") == [SortKey(field: .predictionScore(run: nil), descending: true)])
    }

    @Test("canonical text: parentheses only where needed, quoted names, short numbers")
    func canonicalText() throws {
        #expect(FilterExpression.or(a, .or(b, c)).description == #"key = "a" or (key = "b" or key = "c")"#)
        #expect(FilterExpression.or(.or(a, b), c).description == #"key = "a" or key = "b" or key = "c""#)
        #expect(FilterExpression.and(.or(a, b), c).description == #"(key = "a" or key = "b") and key = "c""#)
        #expect(FilterExpression.and(a, .and(b, c)).description == #"key = "a" and (key = "b" and key = "c")"#)
        #expect(FilterExpression.not(.and(a, b)).description == #"not (key = "a" and key = "b")"#)
        #expect(FilterExpression.and(.not(a), .not(.not(b))).description == #"not key = "a" and not not key = "b""#)
        #expect(FilterExpression.oneOf(.metadata("camera model"), [.number(1e20), .number(0.1), .number(-3), .bool(false)]).description
            == #"meta."camera model" in [1e+20, 0.1, -3, false]"#)
        #expect(FilterExpression.contains(.key, "say \"hi\"\\\n\u{1}").description == #"key ~ "say \"hi\"\\\n\u0001""#)
        #expect(FilterExpression.isNull(.runMetric(run: "A", key: "k", metric: .iou), false).description == #"run("A", "k").iou is not null"#)
        #expect(FilterExpression.between(.predictionScore(run: "r\"1"), .number(0.5), .number(1)).description
            == #"run("r\"1").pred.score between 0.5 and 1"#)
        #expect(FilterField.metadata("camera-model").description == "meta.camera-model")
        #expect(FilterField.metadata("").description == #"meta."""#)
        #expect(SortKey(field: .groundTruthCount(className: "cat"), descending: true).description == #"gt.count("cat") desc"#)
        // The bare form prints as `= true` and reads back the same.
        let bare = try parsed("meta.night")
        #expect(bare.description == "meta.night = true")
        #expect(try parsed(bare.description) == bare)
    }
}

@Suite("Filter parser: custom metrics")
struct FilterParserCustomMetricTests {
    @Test("run(\"A\").custom(\"loss\") parses, prints back and takes numbers")
    func customMetric() throws {
        let expression = try FilterParser.parse(#"run("A").custom("loss") >= 0.5"#)
        #expect(expression == .compare(.customMetric(run: "A", name: "loss"), .greaterOrEqual, .number(0.5)))
        #expect(try FilterParser.parse(expression.description) == expression)
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse(#"run("A").custom("loss") = "x""#) }
        #expect(throws: FilterSyntaxError.self) { try FilterParser.parse(#"run("A").custom(loss) > 1"#) }
        #expect(try FilterParser.parseSort(#"-run("A").custom("loss")"#) == [SortKey(field: .customMetric(run: "A", name: "loss"), descending: true)])
    }
}
