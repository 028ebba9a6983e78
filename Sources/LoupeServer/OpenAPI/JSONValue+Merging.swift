import LoupeCatalog

extension JSONValue {
    /// The members of an object merged with `other`'s (`other` wins), or `self` if either is not an object.
    func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(let mine) = self, case .object(let theirs) = other else { return self }
        return .object(mine.merging(theirs) { _, new in new })
    }
}
