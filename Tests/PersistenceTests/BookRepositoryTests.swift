import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite("Books")
struct BookRepositoryTests {
    @Test("create, find, page, update and delete", arguments: DatabaseEngine.allCases)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let books = SQLBookRepository(database: test.database)
            var created: [Book] = []
            for index in 0..<5 {
                created.append(try await books.create(BookDetails(title: "Book \(index)", priceCents: index * 100)))
            }
            #expect(try await books.find(created[0].id)?.details.title == "Book 0")
            let page = try await books.list(limit: 2, offset: 1)
            #expect(page.total == 5 && page.items.count == 2)
            let updated = try await books.update(
                created[1].id, with: BookDetails(title: "Renamed", author: "Someone", isbn: "0140449132"))
            #expect(updated?.details.title == "Renamed" && updated?.details.isbn == "0140449132")
            #expect(try await books.update(UUID(), with: BookDetails(title: "x")) == nil)
            #expect(try await books.delete(created[2].id))
            #expect(!(try await books.delete(created[2].id)))
            #expect(try await books.find(created[2].id) == nil)
        }
    }

    @Test("text with quotes and SQL in it is stored as text", arguments: DatabaseEngine.allCases)
    func hostileText(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let books = SQLBookRepository(database: test.database)
            let title = "Robert'); DROP TABLE books;-- $1 ?1 ünïcødé"
            let book = try await books.create(BookDetails(title: title))
            #expect(try await books.find(book.id)?.details.title == title)
            #expect(try await books.list(limit: 10, offset: 0).total == 1)
        }
    }
}

@Suite("Book search")
struct BookSearchTests {
    @Test("title or author, case-insensitive, paged; LIKE's wildcards match themselves", arguments: DatabaseEngine.allCases)
    func search(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let books = SQLBookRepository(database: test.database)
            _ = try await books.create(BookDetails(title: "Dune", author: "Frank Herbert"))
            // Newest first, by a millisecond timestamp: two books created in the same millisecond would tie.
            try await Task.sleep(for: .milliseconds(2))
            _ = try await books.create(BookDetails(title: "Children of Dune", author: "Frank Herbert"))
            _ = try await books.create(BookDetails(title: "100% Pure_Prose", author: nil))
            _ = try await books.create(BookDetails(title: "Emma", author: "Jane Austen"))
            #expect(try await books.search("dune", limit: 10, offset: 0).items.map(\.details.title) == ["Children of Dune", "Dune"])
            #expect(try await books.search("HERBERT", limit: 1, offset: 1).items.map(\.details.title) == ["Dune"])
            #expect(try await books.search("HERBERT", limit: 1, offset: 0).total == 2)
            #expect(try await books.search("0% p", limit: 10, offset: 0).total == 1)
            #expect(try await books.search("%", limit: 10, offset: 0).total == 1)
            #expect(try await books.search("e_p", limit: 10, offset: 0).total == 1)
            #expect(try await books.search("_", limit: 10, offset: 0).total == 1)
            #expect(try await books.search("austen'; --", limit: 10, offset: 0).total == 0)
        }
    }

    /// SQLite's LOWER folds ASCII only: a title typed exactly as stored was not found there.
    @Test("titles and authors outside ASCII, whatever the case and accents; an edit is found by its new text", arguments: DatabaseEngine.allCases)
    func foldedSearch(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { test in
            let books = SQLBookRepository(database: test.database)
            let freiheit = try await books.create(BookDetails(title: "Über die Freiheit", author: "John Stuart Mill"))
            _ = try await books.create(BookDetails(title: "L'École des femmes", author: "Molière"))
            for (query, title) in [("Über", "Über die Freiheit"), ("über", "Über die Freiheit"), ("UBER", "Über die Freiheit"),
                                   ("école", "L'École des femmes"), ("MOLIERE", "L'École des femmes")] {
                #expect(try await books.search(query, limit: 10, offset: 0).items.map(\.details.title) == [title], "\(query)")
            }
            _ = try await books.update(freiheit.id, with: BookDetails(title: "On Liberty", author: "John Stuart Mill"))
            #expect(try await books.search("über", limit: 10, offset: 0).total == 0)
            #expect(try await books.search("liberty", limit: 10, offset: 0).total == 1)
        }
    }

    @Test("books stored before the folded search text are found after the migration that adds it", arguments: DatabaseEngine.allCases)
    func backfill(engine: DatabaseEngine) async throws {
        try await withDatabase(engine, migrated: false) { test in
            try await Migrator(database: test.database, migrations: Migration.all.filter { $0.version < 11 }).migrate()
            try await test.database.query(
                """
                INSERT INTO books (id, title, author, created_at, updated_at)
                VALUES (\(bind: UUID()), 'Über die Freiheit', 'John Stuart Mill', \(bind: Date.now), \(bind: Date.now))
                """)
            #expect(try await Migrator(database: test.database).migrate().first == 11)
            #expect(try await SQLBookRepository(database: test.database).search("uber", limit: 10, offset: 0).total == 1)
        }
    }
}
