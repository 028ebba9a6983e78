import Foundation
import LoupeCatalog

extension RequestFieldError {
    /// The command-line option of the field at fault (`run` → `--run`, `seed_keys` → `--seed-key`).
    var option: String {
        switch field {
        case "seed_keys": "--seed-key"
        case "weights": "--weight"
        default: "--" + field.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// The exit code: 1 for a name that does not exist or is taken (a refused operation), 64 for a
    /// value the command cannot use (bad usage).
    var exitCode: Int32 { code == "invalid" ? 64 : 1 }
}
