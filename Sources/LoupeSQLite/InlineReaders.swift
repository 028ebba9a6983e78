import Foundation
import GRDB

/// Read-only connections for small, bounded reads run on the calling thread, without the two
/// thread switches of an asynchronous `DatabasePool` read.
///
/// A server request makes a few tiny reads (is there a token, which dataset, one page of rows);
/// on two cores under load, handing each to the pool's queue and back cost more than the reads.
/// These connections are never waited for: a read takes an idle one or opens another, so a
/// blocked cooperative thread can never wait on work that needs a cooperative thread (which is
/// how a synchronous read of the shared pool deadlocks). In WAL mode readers do not wait for the
/// writer either; the rare `SQLITE_BUSY` (a WAL recovery) is reported as `nil`, and the caller
/// reads through the pool instead.
final class InlineReaders: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let lock = NSLock()
    private var idle: [DatabaseQueue] = []
    /// Idle connections kept; more may be open for a moment under a burst.
    private let keep: Int

    /// Readers of the workspace at `path` (whose schema is already migrated).
    init(path: String, keep: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)) {
        self.path = path
        self.keep = keep
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .immediateError
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = 4294967296")
        }
        self.configuration = configuration
    }

    /// Runs `body` in a read transaction on this thread; `nil` when the database was busy.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        let queue = try lock.withLock { idle.popLast() } ?? DatabaseQueue(path: path, configuration: configuration)
        defer { lock.withLock { if idle.count < keep { idle.append(queue) } } }
        do {
            return try queue.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return nil
        }
    }
}
