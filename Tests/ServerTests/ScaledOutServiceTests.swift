import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// The service with photos in S3 and jobs through SQS (moto, signature checks on): the same flow, downloads
/// answered with redirects, health of the bucket and both queues.
@Suite("Scaled out: S3 and SQS", .serialized, .timeLimit(.minutes(5)))
struct ScaledOutServiceTests {
    /// Settings that put photos in a new bucket and jobs through a new queue with its dead-letter queue.
    static func scaledOut(publicURL: String? = nil) async throws -> [String: String] {
        let bucket = try await MotoPeer.createBucket()
        let queues = try await MotoPeer.createQueues(maximumReceiveCount: 3)
        var settings = [
            "storage.url": "s3://\(bucket)/photos", "storage.endpoint": try MotoPeer.endpoint().absoluteString,
            "storage.path_style": "true", "storage.region": MotoPeer.region, "queue.url": queues.queue,
            "queue.dead_letter_url": queues.deadLetterQueue, "queue.wait_seconds": "1",
            "storage.timeout_ms": MotoPeer.callTimeoutMilliseconds, "queue.timeout_ms": MotoPeer.callTimeoutMilliseconds,
        ]
        if let publicURL { settings["storage.public_url"] = publicURL }
        return settings
    }

    @Test("an uploaded primary photo is processed through SQS into S3; downloads redirect to presigned URLs")
    func uploadToProcessed() async throws {
        try await withDatabase(.sqlite) { database in
            let settings = try await Self.scaledOut()
            let service = try await TestService.make(database: database, settings: settings)
            try await service.application().test(.live) { client in
                let book = try await service.createBook(client, title: "Scaled out")
                let photo = try await service.uploadPhoto(client, book: book, query: "is_primary=true&image_type=cover")
                var job: [String: Any] = [:]
                let finished = try await eventually {
                    job = try await client.execute(uri: "/books/\(book)/jobs", method: .get, headers: service.headers(.viewer)) {
                        (try object($0.body)["items"] as? [[String: Any]])?.first ?? [:]
                    }
                    return ["completed", "failed"].contains(job["status"] as? String)
                }
                #expect(finished && job["status"] as? String == "completed", "\(job)")
                let processed = try #require(job["processed_image_id"] as? String)
                for path in ["/books/\(book)/photos/\(processed)/file", "/books/\(book)/photos/\(photo)/thumbnail"] {
                    try await client.execute(uri: path, method: .get, headers: service.headers(.viewer)) { response in
                        #expect(response.status == .temporaryRedirect, "\(path)")
                        let location = response.headers[.location] ?? ""
                        #expect(location.contains("/\(settings["storage.url"]!.dropFirst(5))/books/\(book)/"), "\(location)")
                        #expect(location.contains("X-Amz-Signature="), "\(location)")
                    }
                }
                try await client.execute(uri: "/health/deep", method: .get) { response in
                    let report = try object(response.body)
                    #expect(report["status"] as? String == "pass", "\(String(buffer: response.body))")
                    let checks = report["checks"] as? [String: [[String: Any]]] ?? [:]
                    #expect(checks["objectStore:responseTime"]?.first?["status"] as? String == "pass")
                    #expect(checks["queue:deadLetters"]?.first?["status"] as? String == "pass")
                }
            }
        }
    }

    @Test("with a CDN configured, downloads redirect to it")
    func publicURL() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(
                database: database, settings: try await Self.scaledOut(publicURL: "https://cdn.example.com"))
            try await service.application(workers: false).test(.router) { client in
                let book = try await service.createBook(client, title: "CDN")
                let photo = try await service.uploadPhoto(client, book: book, query: "image_type=cover")
                try await client.execute(uri: "/books/\(book)/photos/\(photo)/file", method: .get, headers: service.headers(.viewer)) {
                    #expect($0.status == .temporaryRedirect)
                    #expect($0.headers[.location] == "https://cdn.example.com/photos/books/\(book)/originals/\(photo).png")
                }
            }
        }
    }

    @Test("a missing bucket or queue fails the deep check with the peer's reason")
    func missingPeers() async throws {
        try await withDatabase(.sqlite) { database in
            var settings = try await Self.scaledOut()
            settings["storage.url"] = "s3://no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))/photos"
            settings["queue.url"]! += "-gone"
            let service = try await TestService.make(database: database, settings: settings)
            try await service.application(workers: false).test(.router) { client in
                try await client.execute(uri: "/health/deep", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let text = String(buffer: response.body)
                    #expect(text.contains("NoSuchBucket"), "\(text)")
                    #expect(text.contains("QueueDoesNotExist") || text.contains("NonExistentQueue"), "\(text)")
                }
            }
        }
    }

    @Test("the web app in the scaled-out shape: the book page and the upload work, and its images may come from the bucket")
    func webAppOverS3() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database, settings: try await Self.scaledOut())
            try await service.application(workers: false).test(.live) { client in
                let book = try await service.createBook(client, title: "Scaled-out page")
                let editor = try await SessionAuthTests.signIn(.editor, service: service)
                var upload = SessionAuthTests.cookie(editor.secret, csrf: editor.session.csrfToken)
                upload[.contentType] = "image/png"
                let photo = try await client.execute(
                    uri: "/books/\(book)/photos?is_primary=true", method: .post, headers: upload,
                    body: ByteBuffer(bytes: try SharedFixtures.bytes("books/fortSolitude.png"))
                ) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    return try object(response.body)["id"] as? String ?? ""
                }
                let (policy, html) = try await client.execute(
                    uri: "/app/books/\(book)", method: .get, headers: SessionAuthTests.cookie(editor.secret)
                ) { response in
                    #expect(response.status == .ok)
                    return (response.headers[.contentSecurityPolicy] ?? "", String(buffer: response.body))
                }
                #expect(html.contains("/books/\(book)/photos/\(photo)/thumbnail"))
                let location = try await client.execute(
                    uri: "/books/\(book)/photos/\(photo)/thumbnail", method: .get, headers: SessionAuthTests.cookie(editor.secret)
                ) { $0.headers[.location] ?? "" }
                let origin = try #require(service.runtime.store.downloadOrigin)
                #expect(location.hasPrefix(origin + "/") && policy.contains("img-src 'self' blob: data: \(origin);"), "\(policy)")
            }
        }
    }
}
