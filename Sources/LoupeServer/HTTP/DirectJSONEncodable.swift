import LoupeCatalog

/// A response view that writes its own JSON (`CompactJSONWriter` in `.foundation` number style),
/// byte for byte its `Encodable` form under `APIJSON.encoder()`, for the responses that carry many
/// rows: Foundation's encoder (a tree of boxed values, a snake_case conversion per key) cost more
/// than the database there. `JSONResponse` uses it when the value has it; tests hold the two
/// forms equal.
protocol DirectJSONEncodable: Encodable {
    /// Writes the view as one JSON value, keys sorted by their UTF-8 bytes, absent optionals left out.
    func writeJSON(to json: inout CompactJSONWriter)
}
