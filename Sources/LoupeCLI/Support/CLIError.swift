import ArgumentParser
import LoupeCatalog

/// A failure the CLI reports itself, with the exit code scripts can rely on.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    static func notFound(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }
    static func badInput(_ message: String) -> CLIError { CLIError(message: message, exitCode: 65) }
    static func failed(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }

    var description: String { message }
}

/// Runs a command body and turns the errors of every layer into a message on stderr and an
/// exit code: 65 for bad input data (also when the store refuses a value), 1 for refused operations,
/// 64 for an option value a service cannot use (named with the option).
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ImportError {
        Terminal.error(error.description)
        throw ExitCode(65)
    } catch let error as StoreError {
        Terminal.error(error.message)
        // A value the schema refuses came from the input; conflicts and missing names are refusals.
        throw ExitCode(error.code == "invalid" ? 65 : 1)
    } catch let error as RequestFieldError {
        Terminal.error("\(error.option): \(error.message)")
        throw ExitCode(error.exitCode)
    } catch let error as CLIError {
        Terminal.error(error.message)
        throw ExitCode(error.exitCode)
    }
}
