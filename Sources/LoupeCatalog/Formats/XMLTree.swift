import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a small XML document read whole into memory: its name, the line it starts
/// on, its attributes, its own text (trimmed) and its child elements in document order.
///
/// Used by the Pascal VOC importer and the Label Studio label-config reader; both formats are
/// small documents where a tree is simpler than streaming callbacks.
struct XMLTreeElement: Sendable {
    /// The tag name.
    var name: String
    /// The 1-based line of the start tag.
    var line: Int
    /// Attributes by name.
    var attributes: [String: String]
    /// The element's own character data, whitespace-trimmed (text of children excluded).
    var text: String
    /// Child elements in document order.
    var children: [XMLTreeElement]

    /// The children named `name`, in order.
    func children(named name: String) -> [XMLTreeElement] {
        children.filter { $0.name == name }
    }

    /// The first child named `name`.
    func child(_ name: String) -> XMLTreeElement? {
        children.first { $0.name == name }
    }

    /// Every element of the subtree (this one first), depth first in document order.
    func descendants() -> [XMLTreeElement] {
        var result = [self]
        for child in children { result += child.descendants() }
        return result
    }

    /// Parses a document into its root element.
    /// - Throws: `ImportError` at the parser's line for malformed XML, or when there is no root.
    static func parse(_ data: Data, file: String) throws(ImportError) -> XMLTreeElement {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let finished = parser.parse()
        // On Linux a truncated document can make `parse()` return true with an error recorded,
        // and the parser's position is only accurate inside the error callback.
        var failure = builder.failure
        if failure == nil, let error = parser.parserError {
            failure = XMLTreeBuilder.Failure(code: (error as NSError).code, line: parser.lineNumber, column: parser.columnNumber)
        }
        if failure == nil, !finished {
            failure = XMLTreeBuilder.Failure(code: 1, line: parser.lineNumber, column: parser.columnNumber)
        }
        if let failure {
            throw ImportError(file: file, location: .line(failure.line),
                              message: "malformed XML: \(XMLTreeBuilder.describe(code: failure.code)) (column \(failure.column))")
        }
        guard let root = builder.root else {
            throw ImportError(file: file, location: .line(1), message: "malformed XML: the document has no root element")
        }
        return root
    }
}

/// Builds `XMLTreeElement`s from `XMLParser` callbacks, keeping the position of the first error.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    struct Failure {
        var code: Int
        var line: Int
        var column: Int
    }

    private var stack: [XMLTreeElement] = []
    private var texts: [String] = []
    var root: XMLTreeElement?
    var failure: Failure?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(XMLTreeElement(name: elementName, line: parser.lineNumber, attributes: attributes, text: "", children: []))
        texts.append("")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !texts.isEmpty else { return }
        texts[texts.count - 1] += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !texts.isEmpty else { return }
        texts[texts.count - 1] += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard var element = stack.popLast(), let text = texts.popLast() else { return }
        element.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        // The parser's position is only accurate inside this callback.
        if failure == nil {
            failure = Failure(code: (parseError as NSError).code, line: parser.lineNumber, column: parser.columnNumber)
        }
    }

    /// A short description of a parser error code (libxml2's `xmlParserErrors` numbers, which
    /// Foundation on Linux passes through).
    static func describe(code: Int) -> String {
        switch code {
        case 4: "the document is empty or does not start with an element"
        case 5: "the document ends before its elements are closed, or has content after the root element"
        case 9: "an invalid character"
        case 23: "an entity reference without its ';'"
        case 26: "an undefined entity (escape '&' as '&amp;')"
        case 38: "an unescaped '<' in an attribute value"
        case 39, 40, 41: "an unquoted, unterminated or missing attribute value"
        case 68: "a name is required after '<' or '&' (escape them as '&lt;' and '&amp;')"
        case 73: "expected '>'"
        case 76: "a closing tag does not match the open element"
        case 77: "an unfinished tag"
        default: "XML parser error \(code)"
        }
    }
}
