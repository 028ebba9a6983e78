import LoupeCatalog

extension RowView: DirectJSONEncodable {
    func writeJSON(to json: inout JSONBytes) {
        // Keys in sorted order; absent optionals left out, as the synthesized Encodable does.
        json.raw("{")
        if let height { json.key("height"); json.integer(height); json.raw(",") }
        json.key("key"); json.string(key)
        json.raw(","); json.key("kind"); json.string(kind)
        json.raw(","); json.key("label_version"); json.integer(labelVersion)
        json.raw(","); json.key("metadata"); json.raw("{")
        for (index, name) in metadata.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { json.raw(",") }
            json.string(name)
            json.raw(":")
            switch metadata[name]! {
            case .string(let text): json.string(text)
            case .number(let number): json.number(number)
            case .bool(let flag): json.bool(flag)
            case .date(let date): json.string(ISO8601.string(from: date))
            }
        }
        json.raw("}")
        if let split { json.raw(","); json.key("split"); json.string(split) }
        json.raw(","); json.key("tags"); json.raw("[")
        for (index, tag) in tags.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(tag)
        }
        json.raw("]")
        if let text { json.raw(","); json.key("text"); json.string(text) }
        if let uri { json.raw(","); json.key("uri"); json.string(uri) }
        if let width { json.raw(","); json.key("width"); json.integer(width) }
        json.raw("}")
    }
}

extension RowPageView: DirectJSONEncodable {
    func writeJSON(to json: inout JSONBytes) {
        json.raw("{"); json.key("count"); json.integer(count)
        json.raw(","); json.key("next_cursor")
        if let nextCursor { json.string(nextCursor) } else { json.raw("null") }
        json.raw(","); json.key("rows"); json.raw("[")
        for (index, row) in rows.enumerated() {
            if index > 0 { json.raw(",") }
            row.writeJSON(to: &json)
        }
        json.raw("]}")
    }
}
