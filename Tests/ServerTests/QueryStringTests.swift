import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Query strings are read as forms write them", .timeLimit(.minutes(2)))
struct QueryStringTests {
    @Test("`+` is a space, `%2B` a plus sign, broken percent-encoding is kept as sent")
    func decoding() {
        let query = FormQuery(query: "q=Frank+Herbert&caption=C%2B%2B+notes&bad=100%&q=second&flag")
        #expect(query["q"] == "Frank Herbert")
        #expect(query["caption"] == "C++ notes")
        #expect(query["bad"] == "100%")
        #expect(query["flag"] == "")
        #expect(query["missing"] == nil)
        #expect(query.fields.map(\.name) == ["q", "caption", "bad", "q", "flag"])
    }

    @Test("a search with two words finds the book, a caption keeps its spaces and plus signs")
    func searchAndCaption() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let book = try await client.execute(
                    uri: "/books", method: .post, headers: service.headers(.editor),
                    body: json(#"{"title": "Dune", "author": "Frank Herbert"}"#)
                ) { try object($0.body)["id"] as? String ?? "" }
                for (query, total) in [("frank+herbert", 1), ("Frank%20Herbert", 1), ("frank%2Bherbert", 0)] {
                    let found = try await client.execute(uri: "/books?q=\(query)", method: .get, headers: service.headers(.viewer)) {
                        try object($0.body)["total"] as? Int
                    }
                    #expect(found == total, "q=\(query)")
                }
                let photo = try await service.uploadPhoto(client, book: book, query: "caption=First+edition%2C+C%2B%2B")
                let caption = try await client.execute(
                    uri: "/books/\(book)/photos", method: .get, headers: service.headers(.viewer)
                ) { response in
                    (try object(response.body)["items"] as? [[String: Any]])?.first { $0["id"] as? String == photo }?["caption"] as? String
                }
                #expect(caption == "First edition, C++")
            }
        }
    }
}
