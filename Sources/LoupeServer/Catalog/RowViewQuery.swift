import LoupeCatalog

/// The filter and sort of a view of a dataset's rows, as a request's `filter` and `sort` give them.
struct RowViewQuery: Sendable {
    /// The filter; `nil` selects every row.
    var filter: FilterExpression?
    /// The sort keys; empty is row order.
    var sort: [SortKey]

    /// Parses `filter` (empty or absent: none) and `sort`.
    /// - Throws: `APIError.invalidFilter` naming the parameter and the position.
    init(_ query: QueryParameters) throws(APIError) {
        let filterText = query["filter"].flatMap { $0.isEmpty ? nil : $0 }
        do throws(FilterSyntaxError) {
            filter = try filterText.map(FilterParser.parse)
        } catch {
            throw APIError.from(error, field: "filter")
        }
        do throws(FilterSyntaxError) {
            sort = try FilterParser.parseSort(query["sort"] ?? "")
        } catch {
            throw APIError.from(error, field: "sort")
        }
    }
}
