/// What an API key may do: viewers read, editors also change the catalogue, admins also run admin endpoints.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Read-only.
    case viewer
    /// Read, upload, import, reorder.
    case editor
    /// Everything, admin endpoints included.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    /// Orders roles by what they allow.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether a key with this role may do what `required` may.
    public func allows(_ required: Role) -> Bool { self >= required }
}
