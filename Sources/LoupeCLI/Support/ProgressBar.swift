import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal so that logs and
/// pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private let enabled: Bool
    private var lastDrawn = Date.distantPast
    private let started = Date()

    init(label: String) {
        self.label = label
        enabled = Terminal.stderrIsInteractive
    }

    /// Redraws the bar (at most ten times a second, and always at the end).
    func update(done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDrawn) > 0.1 else { return }
        lastDrawn = now
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let elapsed = String(format: "%.1fs", now.timeIntervalSince(started))
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total) \(elapsed)".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Shows a phase that has no count (parsing a file).
    func phase(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\(label) \(text)\n".utf8))
    }
}
