import Foundation

/// The one JSON style of the API: ISO 8601 dates with fractional seconds, sorted keys.
public enum APIJSON {
    /// Encoder for responses.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Decoder for request bodies.
    public static var decoder: JSONDecoder {
        JSONDecoder()
    }
}
