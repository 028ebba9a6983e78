import Hummingbird

extension APIError {
    /// 413 `payload_too_large` for an upload over the server's limit, naming it.
    static func uploadTooLarge(limit: Int) -> APIError {
        APIError(code: .payloadTooLarge, status: .contentTooLarge,
                 message: "the upload is larger than the server's limit of \(ByteCount.text(limit)) (\(limit) bytes; loupe serve --max-upload-size)")
    }
}
