import LoupeCatalog
import Testing

@Suite("FilterParser errors: position, message and hint")
struct FilterParserErrorTests {
    /// The error `parse` (or `parseSort`) throws for `text`, or nil when it parses.
    private func failure(_ text: String, sort: Bool = false) -> FilterSyntaxError? {
        do {
            if sort { _ = try FilterParser.parseSort(text) } else { _ = try FilterParser.parse(text) }
            return nil
        } catch {
            return error
        }
    }

    private func check(_ text: String, sort: Bool = false, _ position: Int, _ message: String, hint: String? = nil,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = FilterSyntaxError(position: position, message: message, hint: hint)
        #expect(failure(text, sort: sort) == expected, "\(text)", sourceLocation: sourceLocation)
    }

    @Test("habits from other languages get a hint")
    func otherLanguages() {
        check(#"key == "a""#, 4, "expected an operator after key, found '=='", hint: "use = to compare")
        check(#"key = "a" && split = "b""#, 10, "expected and, or or the end of the filter, found '&&'", hint: "use and")
        check(#"key = "a" || split = "b""#, 10, "expected and, or or the end of the filter, found '||'", hint: "use or")
        check(#"key = "a" AND split = "b""#, 10, "expected and, or or the end of the filter, found AND",
              hint: "keywords are lowercase: write and")
        check(#"NOT key = "a""#, 0, "unknown field NOT", hint: "keywords are lowercase: write not")
        check(#"key <> "a""#, 4, "expected an operator after key, found '<>'", hint: "use != to compare")
        check(#"!key = "a""#, 0, "expected a field, found '!'", hint: "use not, or != to compare")
        check(#"key not in ["a"]"#, 4, "expected an operator after key, found not", hint: "put not before the condition: not key …")
        check(#"meta.x == 1"#, 7, "expected an operator after meta.x, found '=='", hint: "use = to compare")
        check(#"key = null"#, 6, "expected a string for key, found null", hint: "write key is null")
        check(#"split = train"#, 8, "expected a string for split, found train", hint: #"strings are quoted: "train""#)
    }

    @Test("unknown fields and metrics suggest the nearest name or list them")
    func unknownNames() {
        check(#"gt.clas = "cat""#, 0, "unknown field gt.clas", hint: "did you mean gt.class?")
        check("widht > 3", 0, "unknown field widht", hint: "did you mean width?")
        check("KEY = 'a'", 0, "unknown field KEY", hint: "did you mean key?")
        check("labelversion = 1", 0, "unknown field labelversion", hint: "did you mean label_version?")
        check(#"class = "cat""#, 0, "unknown field class", hint: "did you mean gt.class?")
        check("confidence > 0.5", 0, "unknown field confidence", hint: #"did you mean run("NAME").confidence?"#)
        check(#"camera = "x""#, 0, "unknown field camera",
              hint: #"metadata is written meta.camera; fields are key, split, kind, uri, text, tag, width, height, label_version, gt.class, gt.count, gt.area, pred.class, pred.score, meta.NAME, gt.count("CLASS"), run("NAME").METRIC, issue("KIND")"#)
        check("pred.scores > 1", 0, "unknown field pred.scores", hint: "did you mean pred.score?")
        let runFields = "a run has tp, fp, fn, iou, correct, confidence, entropy, margin, pred.class and pred.score"
        check(#"run("A").fpp > 1"#, 9, "unknown metric fpp", hint: "did you mean fp? " + runFields)
        check(#"run("A").recall > 1"#, 9, "unknown metric recall", hint: runFields)
    }

    @Test("values must fit the field's type")
    func types() {
        check(#"width = "a""#, 8, #"expected a number for width, found "a""#)
        check(#"width = "3""#, 8, #"expected a number for width, found "3""#, hint: "numbers are written without quotes: 3")
        check("key = 3", 6, "expected a string for key, found 3", hint: #"quote it: "3""#)
        check("tag in [true]", 8, "expected a string for tag, found true")
        check(#"run("A").correct = 1"#, 19, #"expected true or false for run("A").correct, found 1"#, hint: "write true or false")
        check(#"run("A").correct > 0"#, 17, #"run("A").correct is true or false: it takes = or !=, not >"#)
        check(#"width ~ "3""#, 6, "~ (contains) needs a text field; width is a number")
        check("key between 1 and 2", 4, "between needs a numeric field; key is text")
        check(#"run("A").correct between 0 and 1"#, 17, #"between needs a numeric field; run("A").correct is true or false"#)
        check("key ~ 3", 6, "expected a string after ~, found 3", hint: #"quote it: "3""#)
    }

    @Test("structure: parentheses, lists, between, is, trailing text, empty filter")
    func structure() {
        check("", 0, "empty filter", hint: #"write a condition such as split = "val""#)
        check("  \n ", 0, "empty filter", hint: #"write a condition such as split = "val""#)
        check(#"(key = "a""#, 0, "unclosed '('", hint: "add the ')' that closes it")
        check(#"((key = "a") and split = "b""#, 0, "unclosed '('", hint: "add the ')' that closes it")
        check(#"key = "a")"#, 9, "unmatched ')'", hint: "remove it or add the '(' it closes")
        check(#"(key = "a" split = "b")"#, 11, "expected ')', and or or, found split")
        check("()", 1, "expected a field, found ')'")
        check(#"key in "a", "b""#, 7, #"expected '[' after in, found "a""#, hint: #"write key in ["a", …]"#)
        check("width in 3, 4", 9, "expected '[' after in, found 3", hint: "write width in [3, …]")
        check("width in (3)", 9, "expected '[' after in, found '('", hint: "write width in [1, …]")
        check("key in []", 8, "expected a string for key, found ']'")
        check(#"key in ["a" "b"]"#, 12, #"expected ',' or ']', found "b""#)
        check(#"key in ["a","#, 12, "expected a string for key, found the end of the filter")
        check("width between 1 2", 16, "expected and between the bounds, found 2", hint: "write width between 1 and 5")
        check("key is nul", 7, "expected null or not null after is, found nul")
        check("key is not 3", 11, "expected null after is not, found 3")
        check("width > 3 width < 5", 10, "expected and, or or the end of the filter, found width")
        check(#"key = "a" and"#, 13, "expected a field, found the end of the filter")
        check("width >", 7, "expected a number for width, found the end of the filter")
        check("width", 5, "expected an operator after width (=, !=, <, <=, >, >=, in, between, ~ or is), found the end of the filter")
        check(#"key = "a"; DROP TABLE row"#, 9, "unexpected character ';'")
        check("key = \"a\" \u{0}", 10, "unexpected character U+0000")
        check("key = \"a\" \u{200B}", 10, "unexpected character U+200B")
    }

    @Test("field syntax: meta, gt, pred and run")
    func fieldSyntax() {
        check("meta. = 1", 6, "expected a metadata name after meta., found '='", hint: #"write meta.camera or meta."camera model""#)
        check(#"meta."" = 1"#, 5, "empty metadata name")
        check("meta.camera.model = 1", 11, "expected an operator after meta.camera, found '.'",
              hint: #"quote a metadata name that has dots: meta."camera.model""#)
        check("gt = 1", 3, "expected '.' after gt, found '='", hint: "for example gt.class")
        check("gt.5 = 1", 3, "expected class, count or area after gt., found 5")
        check("run.fp > 1", 3, "expected '(' after run, found '.'", hint: #"write run("NAME").fp"#)
        check("run(A).fp > 1", 4, "expected the run name in quotes, found A", hint: #"write run("baseline").fp"#)
        check(#"run("").fp > 1"#, 4, "empty run name")
        check(#"run("A" "k").fp > 1"#, 8, #"expected ')' or ',', found "k""#)
        check(#"run("A", "").fp > 1"#, 9, "empty evaluation key")
        check(#"run("A", "k").pred.class = "x""#, 9, "a run's predictions have no evaluation key",
              hint: #"write run("A").pred.class or run("A").pred.score"#)
        check(#"run("A").pred.box = 1"#, 14, #"expected class or score after run("A").pred., found box"#)
        check(#"run("A") > 1"#, 9, #"expected '.' after run("A"), found '>'"#, hint: #"for example run("A").fp"#)
        check(#"run("A", "k") > 1"#, 14, #"expected '.' after run("A", "k"), found '>'"#, hint: #"for example run("A", "k").fp"#)
        check(#"run("A", "k""#, 12, #"expected ')' to close run("A", "k", found the end of the filter"#)
        let long = String(repeating: "x", count: 1000)
        check(#"run("\#(long)").fp = "a""#, 1013, #"expected a number for run("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…, found "a""#)
        check(#"run("\#(long)") > 1"#, 1008, #"expected '.' after run("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…), found '>'"#,
              hint: #"for example run("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…).fp"#)
        check(#"gt.count("") > 1"#, 9, "empty class name")
        check(#"gt.count("a" > 1"#, 13, #"expected ')' to close gt.count("a", found '>'"#)
    }

    @Test("lexical errors: strings, escapes, numbers")
    func lexical() {
        check(#"key = "abc"#, 6, "unterminated string", hint: #"close it with "; write \" for a quote inside it"#)
        check(#"key = 'it's'"#, 10, "expected and, or or the end of the filter, found s")
        check(#"key = 'it\'s"#, 6, "unterminated string", hint: #"close it with '; write \' for a quote inside it"#)
        check(#"key = "abc\"#, 6, "unterminated string", hint: #"close it with "; write \\ for a backslash at its end"#)
        check(#"key = "a\qb""#, 8, #"invalid escape \q"#, hint: #"escapes are \" \' \\ \/ \n \t \r \uXXXX; write \\ for a backslash"#)
        check(#"key = "\uZZZZ""#, 7, #"invalid escape: \u takes four hex digits"#, hint: #"for example \u00e9"#)
        check(#"key = "\uD800""#, 7, "invalid escape: unpaired surrogate",
              hint: #"write a character beyond U+FFFF as a pair such as \uD83D\uDE00, or as itself"#)
        check(#"key = "\uDE00\uD83D""#, 7, "invalid escape: unpaired surrogate",
              hint: #"write a character beyond U+FFFF as a pair such as \uD83D\uDE00, or as itself"#)
        let json = "numbers are written as in JSON: 12, -3.5, 0.25, 1e3"
        check("width > 01", 8, "invalid number 01", hint: json)
        check("width > 3px", 8, "invalid number 3px", hint: json)
        check("width > 1.", 8, "invalid number 1.", hint: json)
        check("width > 1e", 8, "invalid number 1e", hint: json)
        check("width > 1.2.3", 8, "invalid number 1.2.3", hint: json)
        check("width > 1e999", 8, "number 1e999 is out of range")
        check("width > .5", 8, "expected a number for width, found '.'")
    }

    @Test("positions count characters, not bytes or scalars")
    func characterPositions() {
        check(#"key = "é😀" and widht > 1"#, 15, "unknown field widht", hint: "did you mean width?")
        // "e" + combining acute is one character of two scalars: widht is scalar 15, character 14.
        check("key = \"e\u{301}\" and widht > 1", 14, "unknown field widht", hint: "did you mean width?")
        check("key = \"e\u{301}\" \u{301}", 9, "unexpected character U+0301")
    }

    @Test("nesting past 100 levels and more than 1000 conditions are refused at the offending token")
    func limits() throws {
        let nested = String(repeating: "(", count: 100) + #"key = "a""# + String(repeating: ")", count: 100)
        #expect(throws: Never.self) { try FilterParser.parse(nested) }
        let hint = "remove redundant parentheses and double negations"
        check("(" + nested + ")", 100, "nesting deeper than 100 levels", hint: hint)
        check(String(repeating: "not ", count: 101) + #"key = "a""#, 400, "nesting deeper than 100 levels", hint: hint)
        check(String(repeating: "(not ", count: 60) + "meta.x", 250, "nesting deeper than 100 levels", hint: hint)
        let conditions = Array(repeating: "width = 1", count: 1000)
        #expect(throws: Never.self) { try FilterParser.parse(conditions.joined(separator: " or ")) }
        check((conditions + ["width = 1"]).joined(separator: " or "), 13_000, "more than 1000 conditions",
              hint: "write a long list of values as field in [v1, v2, …]")
    }

    @Test("sort errors")
    func sortErrors() {
        check("key,", sort: true, 4, "expected a field, found the end of the sort")
        check("-key desc", sort: true, 5, "both '-' and desc on key", hint: "write -key or key desc")
        check("key desc width", sort: true, 9, "expected ',' or the end of the sort, found width")
        check("key and width", sort: true, 4, "expected ',', asc, desc or the end of the sort, found and",
              hint: "separate sort keys with ','")
        check("key DESC", sort: true, 4, "expected ',', asc, desc or the end of the sort, found DESC",
              hint: "keywords are lowercase: write desc")
        check("key = 1", sort: true, 4, "expected ',', asc, desc or the end of the sort, found '='")
        check("-3", sort: true, 0, "expected a field, found -3")
    }

    @Test("the error's text: 1-based column, message, hint; a caret under the position")
    func rendering() throws {
        let error = try #require(failure(#"key == "a""#))
        #expect(error.description == "at 5: expected an operator after key, found '==' (use = to compare)")
        #expect(error.pointing(into: #"key == "a""#) == "key == \"a\"\n    ^")
    }
}
