/// A flat JSON object of scalars read with `JSONScanner` rather than Foundation: the shape every
/// store writes metadata in (`MetadataJSON.encode`). Reading a page of rows decodes one object per
/// row, and `JSONSerialization` (a tree of `Any`, bridged numbers, some 17-digit decimals read a
/// few ulps off on Linux) cost more than the query that found them.
extension MetadataJSON {
    /// One scalar of a flat object.
    enum Scalar: Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
    }

    /// The members of a JSON object whose values are all strings, numbers or booleans, in the
    /// order written; `nil` for anything else (nesting, `null`, bad syntax, invalid escapes), which
    /// the caller hands to a full JSON parser instead.
    /// - Complexity: O(n) in the length of the text.
    static func scanFlatObject(_ json: String) -> [(name: String, value: Scalar)]? {
        var json = json
        return json.withUTF8 { bytes -> [(name: String, value: Scalar)]? in
            var scanner = JSONScanner(bytes: bytes)
            var members: [(name: String, value: Scalar)] = []
            do throws(JSONScanner.Failure) {
                scanner.skipSpace()
                try scanner.members("$") { scanner, name throws(JSONScanner.Failure) in
                    scanner.skipSpace()
                    switch scanner.peek {
                    case UInt8(ascii: "\""): members.append((name, .string(try scanner.string(path: "$"))))
                    case UInt8(ascii: "t"), UInt8(ascii: "f"): members.append((name, .bool(try scanner.literalBool("$"))))
                    default: members.append((name, .number(try scanner.number("$"))))
                    }
                }
                scanner.skipSpace()
            } catch {
                return nil
            }
            return scanner.index == bytes.count ? members : nil
        }
    }
}
