extension FilterParser.State {
    /// The fields a user can name, for suggestions (`meta.NAME` and `run("NAME")` are patterns).
    static let fieldNames = [
        "key", "split", "kind", "uri", "text", "tag", "width", "height", "label_version",
        "gt.class", "gt.count", "gt.area", "pred.class", "pred.score",
    ]

    /// What a run offers after `run("NAME").`.
    static let runFieldList = RunRowMetric.allCases.map(\.rawValue).joined(separator: ", ") + ", pred.class and pred.score"

    /// Names users reach for that are spelled differently here.
    static let aliases: [String: String] = {
        var aliases = [
            "class": "gt.class", "label": "gt.class", "labels": "gt.class", "category": "gt.class",
            "count": "gt.count", "area": "gt.area", "score": "pred.score", "prediction": "pred.class",
            "metadata": "meta.NAME", "id": "key", "name": "key", "filename": "key", "version": "label_version",
        ]
        for metric in RunRowMetric.allCases { aliases[metric.rawValue] = #"run("NAME")."# + metric.rawValue }
        return aliases
    }()

    /// A field: `key split kind uri text tag width height label_version`, `meta.NAME`,
    /// `meta."NAME"`, `gt.class`, `gt.count`, `gt.count("CLASS")`, `gt.area`, `pred.class`,
    /// `pred.score`, `run("NAME").pred.class|score`, `run("NAME"[, "KEY"]).METRIC`,
    /// `issue("KIND")[.flagged]`.
    mutating func field() throws(FilterSyntaxError) -> FilterField {
        let token = try advance()
        guard case .identifier(let name) = token.kind, !Self.keywords.contains(name) else {
            throw expected("a field", found: token)
        }
        switch name {
        case "key": return .key
        case "split": return .split
        case "kind": return .kind
        case "uri": return .uri
        case "text": return .text
        case "tag": return .tag
        case "width": return .width
        case "height": return .height
        case "label_version": return .labelVersion
        case "meta": return try metadataField()
        case "gt":
            try dot(after: "gt", example: "gt.class")
            let member = try advance()
            switch member.kind {
            case .identifier("class"): return .groundTruthClass
            case .identifier("area"): return .groundTruthArea
            case .identifier("count"):
                guard try peek().isSymbol("(") else { return .groundTruthCount(className: nil) }
                try advance()
                let className = try quoted("class name", example: #"gt.count("person")"#)
                try close("gt.count(" + FilterLexer.truncated(FilterValue.quoted(className), to: 40))
                return .groundTruthCount(className: className)
            case .identifier(let other): throw unknownField("gt." + other, at: token.start)
            default: throw expected("class, count or area after gt.", found: member)
            }
        case "pred":
            try dot(after: "pred", example: "pred.score")
            let member = try advance()
            switch member.kind {
            case .identifier("class"): return .predictionClass(run: nil)
            case .identifier("score"): return .predictionScore(run: nil)
            case .identifier(let other): throw unknownField("pred." + other, at: token.start)
            default: throw expected("class or score after pred.", found: member)
            }
        case "run": return try runField()
        case "issue": return try issueField()
        default: throw unknownField(name, at: token.start)
        }
    }

    /// `meta.NAME` or `meta."NAME"`, after `meta`.
    private mutating func metadataField() throws(FilterSyntaxError) -> FilterField {
        try dot(after: "meta", example: #"meta.camera or meta."camera model""#)
        guard let token = try lexer.metadataName() else {
            throw expected("a metadata name after meta.", found: try peek(), hint: #"write meta.camera or meta."camera model""#)
        }
        switch token.kind {
        case .identifier(let name): return .metadata(name)
        case .string(let name) where !name.isEmpty: return .metadata(name)
        default: throw FilterSyntaxError(position: token.start, message: "empty metadata name")
        }
    }

    /// `run("NAME").…` or `run("NAME", "KEY").METRIC`, after `run`.
    private mutating func runField() throws(FilterSyntaxError) -> FilterField {
        let open = try advance()
        guard open.isSymbol("(") else {
            throw expected("'(' after run", found: open, hint: #"write run("NAME").fp"#)
        }
        let run = try quoted("run name", example: #"run("baseline").fp"#)
        var key: String?
        var keyStart = 0
        let next = try advance()
        if next.isSymbol(",") {
            keyStart = try peek().start
            key = try quoted("evaluation key", example: #"run("baseline", "strict").fp"#)
        } else if !next.isSymbol(")") {
            throw expected("')' or ','", found: next)
        }
        let quotedRun = FilterLexer.truncated(FilterValue.quoted(run), to: 40)
        let keyText = key.map { ", " + FilterLexer.truncated(FilterValue.quoted($0), to: 40) } ?? ""
        if key != nil { try close("run(\(quotedRun)\(keyText)") }
        let prefix = "run(\(quotedRun))"
        try dot(after: "run(\(quotedRun)\(keyText))", example: "run(\(quotedRun)\(keyText)).fp")
        let member = try advance()
        guard case .identifier(let name) = member.kind else {
            throw expected("a metric after run(\(quotedRun)\(keyText)).", found: member, hint: "a run has \(Self.runFieldList)")
        }
        if name == "pred" {
            if key != nil {
                throw FilterSyntaxError(
                    position: keyStart, message: "a run's predictions have no evaluation key",
                    hint: #"write \#(prefix).pred.class or \#(prefix).pred.score"#)
            }
            try dot(after: prefix + ".pred", example: prefix + ".pred.score")
            let kind = try advance()
            if kind.isWord("class") { return .predictionClass(run: run) }
            if kind.isWord("score") { return .predictionScore(run: run) }
            throw expected("class or score after \(prefix).pred.", found: kind)
        }
        if name == "custom", key == nil {
            let open = try advance()
            guard open.isSymbol("(") else { throw expected("'(' after \(prefix).custom", found: open, hint: #"write \#(prefix).custom("loss")"#) }
            let metricName = try quoted("custom metric name", example: #"run("baseline").custom("loss")"#)
            try close(prefix + ".custom(" + FilterLexer.truncated(FilterValue.quoted(metricName), to: 40))
            return .customMetric(run: run, name: metricName)
        }
        guard let metric = RunRowMetric(rawValue: name) else {
            let candidates = RunRowMetric.allCases.map(\.rawValue) + ["pred.class", "pred.score", "custom"]
            let near = Self.nearest(to: name, among: candidates).map { "did you mean \($0)? " } ?? ""
            throw FilterSyntaxError(
                position: member.start, message: "unknown metric \(FilterLexer.truncated(name))",
                hint: near + "a run has \(Self.runFieldList)")
        }
        return .runMetric(run: run, key: key, metric: metric)
    }

    /// `issue("KIND")` or `issue("KIND").flagged`, after `issue`. The kind is checked by the
    /// store (it names the reports the dataset has).
    private mutating func issueField() throws(FilterSyntaxError) -> FilterField {
        let open = try advance()
        guard open.isSymbol("(") else {
            throw expected("'(' after issue", found: open, hint: #"write issue("outlier_lof") < 0.3"#)
        }
        let kind = try quoted("data-issue kind", example: #"issue("outlier_lof")"#)
        let prefix = "issue(" + FilterLexer.truncated(FilterValue.quoted(kind), to: 40)
        try close(prefix)
        guard try peek().isSymbol(".") else { return .dataIssue(kind: kind, flagged: false) }
        try advance()
        let member = try advance()
        guard member.isWord("flagged") else {
            throw expected("flagged after \(prefix)).", found: member, hint: "issue(\"KIND\") is the row's score; issue(\"KIND\").flagged its flag")
        }
        return .dataIssue(kind: kind, flagged: true)
    }

    /// A non-empty quoted string (a run name, an evaluation key, a class name).
    private mutating func quoted(_ noun: String, example: String) throws(FilterSyntaxError) -> String {
        let token = try advance()
        guard case .string(let text) = token.kind else {
            throw expected("the \(noun) in quotes", found: token, hint: "write \(example)")
        }
        guard !text.isEmpty else {
            throw FilterSyntaxError(position: token.start, message: "empty \(noun)")
        }
        return text
    }

    /// The `.` after `gt`, `meta`, `pred` or `run(…)`.
    private mutating func dot(after prefix: String, example: String) throws(FilterSyntaxError) {
        let token = try advance()
        guard token.isSymbol(".") else {
            throw expected("'.' after \(prefix)", found: token, hint: "for example \(example)")
        }
    }

    /// The `)` that closes `opened`.
    private mutating func close(_ opened: String) throws(FilterSyntaxError) {
        let token = try advance()
        guard token.isSymbol(")") else { throw expected("')' to close \(opened)", found: token) }
    }

    /// An unknown field, with the nearest known one or the list.
    func unknownField(_ name: String, at position: Int) -> FilterSyntaxError {
        let shown = FilterLexer.truncated(name)
        let hint: String
        if Self.keywords.contains(name.lowercased()) {
            hint = "keywords are lowercase: write \(name.lowercased())"
        } else if let alias = Self.aliases[name] {
            hint = "did you mean \(alias)?"
        } else if let near = Self.nearest(to: name, among: Self.fieldNames) {
            hint = "did you mean \(near)?"
        } else {
            let fields = Self.fieldNames.joined(separator: ", ") + #", meta.NAME, gt.count("CLASS"), run("NAME").METRIC, issue("KIND")"#
            hint = (name.contains(".") ? "" : "metadata is written meta.\(shown); ") + "fields are " + fields
        }
        return FilterSyntaxError(position: position, message: "unknown field \(shown)", hint: hint)
    }

    /// The candidate closest to `name` (lowercased) by optimal string alignment distance (an edit is an
    /// insertion, deletion, substitution or swap of neighbours), when it is at most 1 for names
    /// of up to 4 characters and 2 for longer ones; ties go to the earlier candidate.
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let word = Array(name.lowercased().unicodeScalars)
        guard word.count <= 40 else { return nil }
        let limit = word.count <= 4 ? 1 : 2
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, Array(candidate.unicodeScalars))
            if distance <= limit && distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Optimal string alignment distance.
    /// - Complexity: O(|a| · |b|).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
