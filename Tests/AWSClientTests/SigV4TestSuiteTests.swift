import AWSClient
import Testing

/// Runs every case of AWS's published SigV4 test suite through the signer, in headers and in the query string.
@Suite("AWS SigV4 test suite")
struct SigV4TestSuiteTests {
    @Test(
        "header signing matches the canonical request, string to sign and Authorization",
        arguments: SigV4TestSuiteVector.all)
    func headerSigning(vector: SigV4TestSuiteVector) throws {
        let (request, body) = vector.parsedRequest
        let signed = try vector.signer.sign(
            request, payload: .hashing(Array(body.utf8)), date: SigV4TestSuiteVector.signingDate)

        #expect(signed.canonicalRequest == vector.headerCanonicalRequest.joined(separator: "\n"))
        #expect(signed.stringToSign == vector.headerStringToSign.joined(separator: "\n"))
        #expect(signed.authorization == vector.authorization)
    }

    @Test(
        "query signing matches the canonical request, string to sign and signature",
        arguments: SigV4TestSuiteVector.all)
    func querySigning(vector: SigV4TestSuiteVector) throws {
        let (request, body) = vector.parsedRequest
        let presigned = try vector.signer.presign(
            request,
            payload: .hashing(Array(body.utf8)),
            expiresIn: SigV4TestSuiteVector.presignedExpiry,
            date: SigV4TestSuiteVector.signingDate
        )

        #expect(presigned.canonicalRequest == vector.queryCanonicalRequest.joined(separator: "\n"))
        #expect(presigned.stringToSign == vector.queryStringToSign.joined(separator: "\n"))
        #expect(presigned.signature == vector.querySignature)
        #expect(presigned.query.contains("X-Amz-Signature=\(vector.querySignature)"))
    }

    @Test("the suite has every case it should")
    func suiteSize() {
        #expect(SigV4TestSuiteVector.all.count == 38)
    }

    @Test("a token left out of the signature is still sent (post-sts-header-after)")
    func unsignedSessionTokenIsStillSent() throws {
        let vector = try #require(SigV4TestSuiteVector.all.first { $0.name == "post-sts-header-after" })
        let (request, _) = vector.parsedRequest
        let signed = try vector.signer.sign(request, payload: .emptyBody, date: SigV4TestSuiteVector.signingDate)
        let presigned = try vector.signer.presign(
            request, payload: .emptyBody, expiresIn: 3600, date: SigV4TestSuiteVector.signingDate)

        #expect(signed.headers.contains { $0.name == "x-amz-security-token" && $0.value == vector.sessionToken })
        #expect(!signed.authorization.contains("x-amz-security-token"))
        #expect(presigned.query.contains("&X-Amz-Security-Token=AQoDYXdzEPT%2F%2F"))
    }
}
