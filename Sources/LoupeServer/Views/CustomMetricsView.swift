import LoupeCatalog

/// A custom metric value of run or class scope.
struct CustomMetricView: Encodable, Sendable {
    var name: String
    /// `run` or `class`.
    var scope: String
    var className: String?
    var value: Double

    /// The value, or `nil` for a row-scoped one (listed per metric instead).
    init?(_ metric: CustomMetricValue) {
        name = metric.name
        value = metric.value
        switch metric.scope {
        case .run: scope = "run"
        case .classNamed(let name): scope = "class"; className = name
        case .row: return nil
        }
    }
}

/// A per-row custom metric: its name and how many rows carry it.
struct RowMetricSummaryView: Encodable, Sendable {
    var name: String
    var rows: Int
}

/// `GET /runs/{run}/metrics`: the run's custom metrics, as `loupe runs metrics --json` lists them.
struct RunMetricsView: Encodable, Sendable {
    var run: String
    var metrics: [CustomMetricView]
    /// Per-row metrics by name.
    var rowMetrics: [RowMetricSummaryView]
}

/// One row's value of a per-row custom metric.
struct RowMetricValueView: Encodable, Sendable {
    var key: String
    var value: Double
}

/// `GET /runs/{run}/metrics/{name}`: one page of a per-row metric's values by row key.
struct RowMetricPageView: Encodable, Sendable {
    var run: String
    var name: String
    var dataset: String
    /// Rows carrying the metric in all.
    var count: Int
    var rows: [RowMetricValueView]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case run, name, dataset, count, rows, nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encode(name, forKey: .name)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(count, forKey: .count)
        try container.encode(rows, forKey: .rows)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
