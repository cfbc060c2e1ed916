import Domain
import Foundation

/// The text a book is found by: its title and author folded in Swift (case and accents: `Über` and `uber` alike),
/// the same on both engines. SQLite's own `LOWER` folds ASCII only, so a search for a non-ASCII title typed as
/// stored found nothing there.
enum BookSearchText {
    /// The folded title and author of `details`, on separate lines.
    static func of(_ details: BookDetails) -> String {
        folded(details.title + "\n" + (details.author ?? ""))
    }

    /// `text` without case or accents.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Fills `search_text` of every book (migration 11).
    static func backfill(_ executor: any SQLExecutor) async throws {
        let rows = try await executor.query("SELECT id, title, author FROM books")
        for row in rows {
            let details = BookDetails(title: try row.string("title"), author: try row.optionalString("author"))
            try await executor.query(
                "UPDATE books SET search_text = \(bind: of(details)) WHERE id = \(bind: try row.uuid("id"))")
        }
    }
}
