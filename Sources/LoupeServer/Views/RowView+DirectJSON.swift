import LoupeCatalog

extension RowView: DirectJSONEncodable {
    func writeJSON(to json: inout CompactJSONWriter) {
        json.beginObject()
        if let height { json.key("height"); json.integer(height) }
        json.key("key"); json.string(key)
        json.key("kind"); json.string(kind)
        json.key("label_version"); json.integer(labelVersion)
        json.key("metadata"); json.object(metadata)
        if let split { json.key("split"); json.string(split) }
        json.key("tags")
        json.beginArray()
        for tag in tags { json.string(tag) }
        json.endArray()
        if let text { json.key("text"); json.string(text) }
        if let uri { json.key("uri"); json.string(uri) }
        if let width { json.key("width"); json.integer(width) }
        json.endObject()
    }
}

extension RowPageView: DirectJSONEncodable {
    func writeJSON(to json: inout CompactJSONWriter) {
        json.beginObject()
        json.key("count"); json.integer(count)
        json.key("next_cursor")
        if let nextCursor { json.string(nextCursor) } else { json.null() }
        json.key("rows")
        json.beginArray()
        for row in rows { row.writeJSON(to: &json) }
        json.endArray()
        json.endObject()
    }
}
