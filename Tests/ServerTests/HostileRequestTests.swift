import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Hostile requests get a clear 4xx and leave nothing half-written", .timeLimit(.minutes(5)))
struct HostileRequestTests {
    /// Sends a request and returns its status and error code, checking the error has a message.
    static func refusal(
        _ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .post, headers: HTTPFields,
        body: ByteBuffer? = nil
    ) async throws -> (status: Int, code: String) {
        try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            let error = try object(response.body)["error"] as? [String: Any] ?? [:]
            #expect((error["message"] as? String)?.isEmpty == false, "\(uri): \(String(buffer: response.body))")
            #expect(error["status"] as? Int == Int(response.status.code))
            return (Int(response.status.code), error["code"] as? String ?? "")
        }
    }

    @Test("malformed, mistyped, empty and oversized JSON; unknown and malformed ids", arguments: DatabaseEngine.allCases)
    func badJSONAndIDs(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let editor = service.headers(.editor, [.contentType: "application/json"])
                let cases: [(String, Int, String)] = [
                    (#"{"title": "#, 400, "invalid_json"),
                    (#"{"title": 5}"#, 400, "invalid_json"),
                    (#"["title"]"#, 400, "invalid_json"),
                    ("", 400, "invalid_json"),
                    ("\u{0}\u{1}\u{2}", 400, "invalid_json"),
                    (#"{"author": "no title"}"#, 400, "invalid_json"),
                    (#"{"title": "   "}"#, 422, "validation_failed"),
                    (#"{"title": "T", "isbn": "12345"}"#, 422, "validation_failed"),
                    (#"{"title": "T", "publication_year": 99999999999999999999}"#, 400, "invalid_json"),
                    (#"{"title": "T", "currency": "euro"}"#, 422, "validation_failed"),
                    (#"{"title": "\#(String(repeating: "x", count: 501))"}"#, 422, "validation_failed"),
                    (#"{"title": "\#(String(repeating: "x", count: 300_000))"}"#, 413, "body_too_large"),
                ]
                for (body, status, code) in cases {
                    let result = try await Self.refusal(client, "/books", headers: editor, body: json(body))
                    #expect(result.status == status && result.code == code, "\(body.prefix(60)): \(result)")
                }
                let unknown = UUID().uuidString
                for path in ["/books/\(unknown)", "/books/not-a-uuid", "/books/..%2F..%2Fetc", "/jobs/\(unknown)",
                             "/books/\(unknown)/photos", "/books/\(unknown)/photos/primary", "/books/\(unknown)/jobs"] {
                    let result = try await Self.refusal(client, path, method: .get, headers: service.headers(.viewer))
                    #expect(result.status == 404 && result.code == "not_found", "\(path): \(result)")
                }
                let paging = try await Self.refusal(client, "/books?limit=-1", method: .get, headers: service.headers(.viewer))
                #expect(paging.status == 400 && paging.code == "invalid_parameter")
                let replay = try await Self.refusal(client, "/admin/jobs/\(unknown)/replay", headers: service.headers(.admin))
                #expect(replay.status == 404)
                let status = try await Self.refusal(client, "/admin/jobs?status=bogus", method: .get, headers: service.headers(.admin))
                #expect(status.status == 400 && status.code == "invalid_parameter")
                let books = try await service.runtime.books.list(limit: 10, offset: 0)
                #expect(books.total == 0)
            }
        }
    }

    @Test("hostile uploads are refused by name and store nothing", arguments: DatabaseEngine.allCases)
    func hostileUploads(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await service.application(workers: false).test(.router) { client in
                let book = try await service.createBook(client, title: "H")
                let png = try SharedFixtures.bytes("books/fortSolitude.png")
                let uploads: [(String, [UInt8], Int, String)] = [
                    ("empty", [], 422, "empty_file"),
                    ("html", HostileImages.htmlPage, 422, "unrecognised_format"),
                    ("truncated png", HostileImages.truncated(png, to: png.count / 2), 422, "corrupt_image"),
                    ("60,000² header", HostileImages.pngHeader(width: 60_000, height: 60_000), 422, "decompression_bomb"),
                ] + HostileImages.otherFormats.map { ($0.name, $0.bytes, 422, "unrecognised_format") }
                for (name, bytes, status, code) in uploads {
                    let result = try await Self.refusal(
                        client, "/books/\(book)/photos", headers: service.headers(.editor), body: ByteBuffer(bytes: bytes))
                    #expect(result.status == status && result.code == code, "\(name): \(result)")
                }
                let oversized = ByteBuffer(repeating: 0xFF, count: 41 << 20)
                let tooLarge = try await Self.refusal(
                    client, "/books/\(book)/photos", headers: service.headers(.editor), body: oversized)
                #expect(tooLarge.status == 413 && tooLarge.code == "body_too_large")
                let badType = try await Self.refusal(
                    client, "/books/\(book)/photos?image_type=selfie", headers: service.headers(.editor),
                    body: ByteBuffer(bytes: png))
                #expect(badType.status == 400 && badType.code == "invalid_parameter")
                let badFlag = try await Self.refusal(
                    client, "/books/\(book)/photos?is_primary=perhaps", headers: service.headers(.editor),
                    body: ByteBuffer(bytes: png))
                #expect(badFlag.status == 400)
                #expect(try await service.runtime.photos.list(bookID: UUID(uuidString: book)!).isEmpty)
                #expect(service.storedFiles().isEmpty)
                #expect(try await service.runtime.jobs.countByStatus().values.reduce(0, +) == 0)
            }
        }
    }

    @Test("listing imports: traversal keys, SSRF addresses and redirects, non-images; all or nothing", arguments: DatabaseEngine.allCases)
    func hostileImports(engine: DatabaseEngine) async throws {
        try await withDatabase(engine) { database in
            let service = try await TestService.make(database: database)
            try await ListingHost.run { site in
                try await service.application(workers: false).test(.live) { client in
                    let good = #"{"url": "\#(site)/photos/fort.png"}"#
                    let cases: [(String, String)] = [
                        (#"{"object_key": "../../etc/passwd"}"#, "invalid_key"),
                        (#"{"object_key": "/etc/passwd"}"#, "invalid_key"),
                        (#"{"object_key": "photos/%2e%2e/secret"}"#, "invalid_key"),
                        (#"{"object_key": "books/none/photo.png"}"#, "unknown_object"),
                        (#"{"url": "http://169.254.169.254/latest/meta-data/"}"#, "forbidden_address"),
                        (#"{"url": "http://10.0.0.1/photo.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://[::1]:9/photo.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://localhost:9/photo.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://[fd00:ec2::254]/latest"}"#, "forbidden_address"),
                        (#"{"url": "http://[64:ff9b::a00:5]/x.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://[64:ff9b:1::a00:5]/x.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://[2002:a00:5::1]/x.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://[::a00:5]/x.jpg"}"#, "forbidden_address"),
                        (#"{"url": "http://[::ffff:a9fe:a9fe]/latest"}"#, "forbidden_address"),
                        (#"{"url": "http://198.18.0.1/x.jpg"}"#, "forbidden_address"),
                        (#"{"url": "file:///etc/passwd"}"#, "invalid_url"),
                        (#"{"url": "gopher://127.0.0.1/"}"#, "invalid_url"),
                        (#"{"url": "\#(site)/redirect?to=http://169.254.169.254/latest/meta-data/"}"#, "forbidden_address"),
                        (#"{"url": "\#(site)/redirect?to=http://10.1.2.3/x.jpg"}"#, "forbidden_address"),
                        (#"{"url": "\#(site)/redirect?to=file:///etc/passwd"}"#, "invalid_url"),
                        (#"{"url": "\#(site)/page.jpg"}"#, "not_an_image"),
                        (#"{"url": "\#(site)/huge.jpg"}"#, "too_large"),
                        (#"{"url": "\#(site)/missing"}"#, "http_status"),
                        (#"{"url": "\#(site)/photos/fort.png", "object_key": "a.png"}"#, "validation_failed"),
                    ]
                    for (photo, code) in cases {
                        let listing = #"{"book": {"title": "Bad"}, "photos": [\#(good), \#(photo)]}"#
                        let result = try await Self.refusal(client, "/imports", headers: service.headers(.editor), body: json(listing))
                        #expect(result.status == 422 && result.code == code, "\(photo): \(result)")
                    }
                    let noTitle = try await Self.refusal(
                        client, "/imports", headers: service.headers(.editor), body: json(#"{"book": {"title": ""}, "photos": [\#(good)]}"#))
                    #expect(noTitle.status == 422)
                    let notAList = try await Self.refusal(
                        client, "/imports", headers: service.headers(.editor), body: json(#"{"book": {"title": "X"}, "photos": "all"}"#))
                    #expect(notAList.status == 400 && notAList.code == "invalid_json")
                    #expect(try await service.runtime.books.list(limit: 10, offset: 0).total == 0)
                    #expect(service.storedFiles().isEmpty)
                    #expect(try await service.runtime.jobs.countByStatus().values.reduce(0, +) == 0)
                }
            }
        }
    }
}
