import ArgumentParser

/// `loupe demo`: build a workspace from real data shipped in the repository.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Build a demo workspace from real data and show it.")
}
