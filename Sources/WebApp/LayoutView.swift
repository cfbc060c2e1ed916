/// What every page's frame shows: its title and, when signed in, who is signed in with the sign-out form.
struct LayoutView {
    let title: String
    let signedIn: Bool
    let userName: String
    let role: String
    let csrfToken: String
    let isAdmin: Bool

    init(title: String, session: PageSession?) {
        self.title = title
        signedIn = session != nil
        userName = session?.name ?? ""
        role = session?.role.rawValue ?? ""
        csrfToken = session?.csrfToken ?? ""
        isAdmin = session?.role == .admin
    }
}

/// The error page.
struct ErrorView {
    let layout: LayoutView
    let message: String
}
