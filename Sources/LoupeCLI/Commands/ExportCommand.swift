import ArgumentParser

/// `loupe export FORMAT`: write a dataset out in a peer format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a dataset as COCO, YOLO or JSONL.")
}
