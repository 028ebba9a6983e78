extension QueryParameters {
    /// A boolean parameter (`true`/`false`, `1`/`0`), or `defaultValue` when absent.
    /// - Throws: `APIError.badRequest` naming the parameter for any other value.
    func boolean(_ name: String, default defaultValue: Bool) throws(APIError) -> Bool {
        guard let text = self[name] else { return defaultValue }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badRequest("\(name) must be true or false, not '\(text)'", field: name)
        }
    }

    /// A non-empty text parameter, or `nil` when absent.
    /// - Throws: `APIError.badRequest` naming the parameter when it is given empty.
    func nonEmpty(_ name: String) throws(APIError) -> String? {
        guard let text = self[name] else { return nil }
        guard !text.isEmpty else { throw .badRequest("\(name) must not be empty", field: name) }
        return text
    }
}
