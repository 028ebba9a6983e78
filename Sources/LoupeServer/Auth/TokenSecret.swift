import Crypto
import Foundation

/// The secret of an API token: `loupe_` followed by 32 random bytes in unpadded base64url
/// (43 characters). Shown once when created; the store keeps only its SHA-256.
public struct TokenSecret: Hashable, Sendable, CustomStringConvertible {
    /// The prefix every secret starts with, so that leaked secrets are easy to recognize.
    public static let prefix = "loupe_"

    /// The secret as the client sends it (`Authorization: Bearer …`).
    public let text: String

    /// A secret from its text as given (not checked: a wrong one simply matches no token).
    public init(text: String) {
        self.text = text
    }

    /// A new secret from 32 bytes of the system's cryptographically secure generator.
    public static func generate() -> TokenSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return TokenSecret(text: prefix + base64URL(Data(bytes)))
    }

    /// The SHA-256 of the secret's UTF-8 text: what the store keeps and looks tokens up by.
    /// Lookups compare digests, never secrets, so their timing says nothing about a secret.
    public var hash: Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }

    /// The secret from an `Authorization` header value `Bearer loupe_…` (the scheme in any
    /// case), or `nil` when the value is not a bearer credential of that form.
    public static func fromAuthorization(_ value: String) -> TokenSecret? {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let credential = parts[1].trimmingCharacters(in: .whitespaces)
        guard credential.hasPrefix(prefix), credential.count > prefix.count else { return nil }
        return TokenSecret(text: credential)
    }

    /// Unpadded base64url (RFC 4648 §5).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Redacted: a secret never reaches a log by accident.
    public var description: String { "\(Self.prefix)…" }
}
