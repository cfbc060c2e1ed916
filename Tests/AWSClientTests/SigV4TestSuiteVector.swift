import AWSClient
import Foundation
import Testing

/// One case of the AWS SigV4 test suite: a raw request, how to sign it, and what each step must produce.
struct SigV4TestSuiteVector: Sendable, CustomTestStringConvertible {
    let name: String
    let normalizesPath: Bool
    let signsBody: Bool
    let sessionToken: String?
    let signsSessionToken: Bool
    let request: [String]
    let headerCanonicalRequest: [String]
    let headerStringToSign: [String]
    let authorization: String
    let queryCanonicalRequest: [String]
    let queryStringToSign: [String]
    let querySignature: String

    /// The time every case is signed at: 2015-08-30T12:36:00Z.
    static let signingDate = Date(timeIntervalSince1970: 1_440_938_160)
    /// The expiry every query-form case uses.
    static let presignedExpiry = 3600

    var testDescription: String { name }

    /// The signer the case's context describes: service `service`, region `us-east-1`, key `AKIDEXAMPLE`.
    var signer: SigV4Signer {
        let credentials = AWSCredentials(
            accessKeyID: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: sessionToken
        )
        var signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        signer.pathRules = CanonicalPathRules(normalizesSegments: normalizesPath, encodesTwice: true)
        signer.sendsContentHashHeader = signsBody
        signer.signsSessionToken = signsSessionToken
        return signer
    }

    /// `request.txt` read as HTTP/1.1: the request line, header lines (an indented line continues the value
    /// above it), a blank line, then the body.
    var parsedRequest: (request: SigV4Request, body: String) {
        let requestLine = request[0]
        let method = String(requestLine.prefix { $0 != " " })
        var target = requestLine.dropFirst(method.count + 1)
        if target.hasSuffix(" HTTP/1.1") {
            target = target.dropLast(" HTTP/1.1".count)
        }
        let queryStart = target.firstIndex(of: "?")
        let path = String(target[..<(queryStart ?? target.endIndex)])
        let query = queryStart.map { String(target[target.index(after: $0)...]) } ?? ""

        var headers: [SigV4Request.Header] = []
        var lineIndex = 1
        while lineIndex < request.count, !request[lineIndex].isEmpty {
            let line = request[lineIndex]
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(SigV4Request.Header(String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
            lineIndex += 1
        }
        let body = request.dropFirst(lineIndex + 1).joined(separator: "\n")
        return (SigV4Request(method: method, path: path, query: query, headers: headers), body)
    }
}
