import Foundation

/// The JSON body the container credentials endpoint answers with.
struct ContainerCredentialsResponse: Decodable, Sendable {
    let accessKeyID: String
    let secretAccessKey: String
    let token: String?
    let expiration: String?

    private enum CodingKeys: String, CodingKey {
        case accessKeyID = "AccessKeyId"
        case secretAccessKey = "SecretAccessKey"
        case token = "Token"
        case expiration = "Expiration"
    }

    /// Decodes `body` and turns it into credentials; `source` names the endpoint in errors.
    static func credentials(decoding body: Data, source: String) throws(AWSCredentialsError) -> AWSCredentials {
        let response: ContainerCredentialsResponse
        do {
            response = try JSONDecoder().decode(ContainerCredentialsResponse.self, from: body)
        } catch {
            throw .invalid(source: source, reason: "the answer is not the expected credentials JSON: \(error)")
        }
        var expiration: Date?
        if let text = response.expiration {
            guard let date = parseISO8601(text) else {
                throw .invalid(source: source, reason: "Expiration '\(text)' is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyID: response.accessKeyID,
            secretAccessKey: response.secretAccessKey,
            sessionToken: response.token,
            expiration: expiration
        )
    }

    /// Parses `2024-05-01T12:00:00Z`, with or without fractional seconds.
    static func parseISO8601(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
