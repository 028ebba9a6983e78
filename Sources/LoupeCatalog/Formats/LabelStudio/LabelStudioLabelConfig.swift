import Foundation

/// The parts of a Label Studio labeling config (`<View>…</View>` XML) the importer uses: each
/// control's labels, and which `data` keys hold the image and the text.
public struct LabelStudioLabelConfig: Hashable, Sendable {
    /// A control tag with a label list (`RectangleLabels`, `PolygonLabels`, `KeyPointLabels`,
    /// `Labels`, `Choices`, …).
    public struct Control: Hashable, Sendable {
        /// The tag, like `RectangleLabels`.
        public var tag: String
        /// Its `name`, which regions cite as `from_name`.
        public var name: String
        /// The `value` of its `<Label>` or `<Choice>` children, in order.
        public var labels: [String]

        /// A control.
        public init(tag: String, name: String, labels: [String]) {
            self.tag = tag
            self.name = name
            self.labels = labels
        }
    }

    /// Controls in document order.
    public var controls: [Control]
    /// The `data` key of the first `<Image value="$key">`, if any.
    public var imageKey: String?
    /// The `data` key of the first `<Text value="$key">` (or `<HyperText>`), if any.
    public var textKey: String?

    /// A config from its parts.
    public init(controls: [Control], imageKey: String? = nil, textKey: String? = nil) {
        self.controls = controls
        self.imageKey = imageKey
        self.textKey = textKey
    }

    /// Reads a labeling config.
    /// - Throws: `ImportError` at the parser's line when the XML is malformed.
    public init(xml data: Data, file: String) throws(ImportError) {
        let root = try XMLTreeElement.parse(data, file: file)
        controls = []
        for element in root.descendants() {
            let options = element.children.filter { $0.name == "Label" || $0.name == "Choice" }
            if let name = element.attributes["name"], !options.isEmpty {
                controls.append(Control(tag: element.name, name: name, labels: options.compactMap { $0.attributes["value"] }))
            }
            let variable = element.attributes["value"].flatMap { $0.hasPrefix("$") ? String($0.dropFirst()) : nil }
            if element.name == "Image", imageKey == nil { imageKey = variable }
            if element.name == "Text" || element.name == "HyperText", textKey == nil { textKey = variable }
        }
    }

    /// Every label of every control, each once, in document order.
    public var allLabels: [String] {
        var seen: Set<String> = []
        return controls.flatMap(\.labels).filter { seen.insert($0).inserted }
    }
}
