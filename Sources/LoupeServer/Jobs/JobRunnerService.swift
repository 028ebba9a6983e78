import LoupeCatalog
import ServiceLifecycle

/// The job runner as a service of the application: on graceful shutdown (SIGINT, SIGTERM, the end
/// of an in-process test) it cancels the jobs that run or wait, and returns once they have ended.
struct JobRunnerService<S: Store>: Service {
    /// The runner stopped on shutdown.
    let runner: JobRunner<S>

    func run() async throws {
        try? await gracefulShutdown()
        await runner.shutdown()
    }
}
