import Domain

/// The signed-in user of a page: their key's name and role and the session's anti-forgery token for forms.
public struct PageSession: Sendable {
    /// The key's name.
    public var name: String
    /// The key's role.
    public var role: Role
    /// The token every form of the page carries.
    public var csrfToken: String

    /// A page session from its parts.
    public init(name: String, role: Role, csrfToken: String) {
        self.name = name
        self.role = role
        self.csrfToken = csrfToken
    }
}
