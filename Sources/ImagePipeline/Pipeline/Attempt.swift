import Foundation

/// One background-removal attempt: a model, optionally followed by edge refinement.
public struct Attempt: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The registry name of the model.
    public var model: String
    /// Whether the mask's edges are refined with the photo as guide.
    public var refine: Bool

    /// An attempt from its parts.
    public init(model: String, refine: Bool) {
        self.model = model
        self.refine = refine
    }

    /// Parses `NAME` or `NAME+refine`.
    public init?(spec: String) {
        let parts = spec.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 2 && parts[1] != "refine" { return nil }
        self.init(model: name, refine: parts.count == 2)
    }

    /// Parses a comma-separated list of attempt specs.
    public static func list(from text: String) -> [Attempt]? {
        let attempts = text.split(separator: ",").map { Attempt(spec: String($0)) }
        guard !attempts.isEmpty, attempts.allSatisfy({ $0 != nil }) else { return nil }
        return attempts.compactMap { $0 }
    }

    /// The seed service's list: `u2net` with refinement twice, then `isnet-general-use`.
    public static let defaultList = [
        Attempt(model: "u2net", refine: true),
        Attempt(model: "u2net", refine: true),
        Attempt(model: "isnet-general-use", refine: false),
    ]

    /// `NAME` or `NAME+refine`.
    public var description: String { refine ? "\(model)+refine" : model }
}
