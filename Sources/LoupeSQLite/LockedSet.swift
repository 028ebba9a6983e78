import Foundation

/// A set shared between tasks, behind a lock.
final class LockedSet<Element: Hashable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var elements = Set<Element>()

    /// Adds an element.
    func insert(_ element: Element) {
        lock.withLock { _ = elements.insert(element) }
    }

    /// Whether the element is in the set.
    func contains(_ element: Element) -> Bool {
        lock.withLock { elements.contains(element) }
    }
}
