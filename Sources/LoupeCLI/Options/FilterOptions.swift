import ArgumentParser
import LoupeCatalog

/// Parsing filter text for a command: a syntax error exits with status 2, pointing at the position.
enum FilterText {
    /// The parsed filter, or exit 2 with the error and a caret under its position on stderr.
    static func parse(_ text: String) throws -> FilterExpression {
        do throws(FilterSyntaxError) {
            return try FilterParser.parse(text)
        } catch {
            report(error, in: text, what: "filter")
            throw ExitCode(2)
        }
    }

    /// The parsed sort keys, or exit 2 as `parse`.
    static func parseSort(_ text: String) throws -> [SortKey] {
        do throws(FilterSyntaxError) {
            return try FilterParser.parseSort(text)
        } catch {
            report(error, in: text, what: "sort")
            throw ExitCode(2)
        }
    }

    private static func report(_ error: FilterSyntaxError, in text: String, what: String) {
        Terminal.error("\(what) \(error.description)")
        Terminal.note(error.pointing(into: text).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }
}
