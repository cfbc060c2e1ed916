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
