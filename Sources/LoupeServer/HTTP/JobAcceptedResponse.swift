import Foundation
import Hummingbird

/// `202 Accepted` with the job that will do the work, and `Location:` its URL to poll.
struct JobAcceptedResponse: ResponseGenerator {
    /// The job, as created.
    var job: JobView

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.location] = job.url
        let data = try APIJSON.encoder().encode(job)
        return Response(status: .accepted, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
