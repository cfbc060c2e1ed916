/// What every page's frame shows: its title and, when signed in, who is signed in with the sign-out form, the links
/// their role may follow, and the anti-forgery token the page's scripts send with every change.
struct LayoutView {
    let title: String
    let signedIn: Bool
    let userName: String
    let role: String
    let csrfToken: String
    let canEdit: Bool
    let isAdmin: Bool

    init(title: String, session: PageSession?) {
        self.title = title
        signedIn = session != nil
        userName = session?.name ?? ""
        role = session?.role.rawValue ?? ""
        csrfToken = session?.csrfToken ?? ""
        canEdit = session?.role.allows(.editor) ?? false
        isAdmin = session?.role == .admin
    }
}

/// The error page.
struct ErrorView {
    let layout: LayoutView
    let message: String
}
