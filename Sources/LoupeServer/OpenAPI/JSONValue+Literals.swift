/// Literals for writing JSON documents in Swift (the OpenAPI document).
extension JSONValue: ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    init(stringLiteral value: String) {
        self = .string(value)
    }

    init(integerLiteral value: Int) {
        self = .number(Double(value))
    }

    init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    init(nilLiteral: ()) {
        self = .null
    }

    /// The members of an object merged with `other`'s (`other` wins), or `self` if either is not an object.
    func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(let mine) = self, case .object(let theirs) = other else { return self }
        return .object(mine.merging(theirs) { _, new in new })
    }
}
