import Domain
import Foundation
import HTTPAPI
import HTTPTypes
import HummingbirdTesting
import ImagePipeline
import NIOCore
import TestSupport
import Testing

@Suite("POST /v1/remove-background: one photo processed while the caller waits, nothing stored")
struct RemoveBackgroundTests {
    static let book = try! SharedFixtures.bytes("books/book1.jpg")

    /// Runs `body` against a service without workers (SQLite, u2netp) and `settings` on top.
    func withService(
        settings: [String: String] = [:], _ body: @Sendable (TestService, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database, settings: settings)
            try await service.application(workers: false).test(.router) { client in
                try await body(service, client)
            }
        }
    }

    /// Posts `body` as `contentType` with `query`; the response.
    static func post(
        _ client: some TestClientProtocol, _ service: TestService, query: String = "", role: Role = .editor,
        contentType: String = "image/jpeg", accept: String? = nil, body: [UInt8] = book
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let accept { headers[.accept] = accept }
        return try await client.execute(
            uri: "/v1/remove-background" + (query.isEmpty ? "" : "?" + query), method: .post,
            headers: service.headers(role, headers), body: ByteBuffer(bytes: body))
    }

    static func header(_ response: TestResponse, _ name: String) -> Int? {
        response.headers[HTTPField.Name(name)!].flatMap { Int($0) }
    }

    static func pngColourType(_ body: ByteBuffer) -> UInt8? {
        let bytes = Array(body.readableBytesView)
        return bytes.count > 25 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) ? bytes[25] : nil
    }

    @Test("a raw JPEG body answers a PNG on the automatic background with its size, subject box and model; nothing is stored")
    func rawBody() async throws {
        try await withService { service, client in
            let response = try await Self.post(client, service)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "image/png")
            #expect(Self.pngColourType(response.body) == 2)
            #expect(Self.header(response, "X-Width") == 449 && Self.header(response, "X-Height") == 605)
            let left = try #require(Self.header(response, "X-Foreground-Left"))
            let top = try #require(Self.header(response, "X-Foreground-Top"))
            let width = try #require(Self.header(response, "X-Foreground-Width"))
            let height = try #require(Self.header(response, "X-Foreground-Height"))
            #expect(left >= 0 && top >= 0 && left + width <= 449 && top + height <= 605 && width > 100 && height > 100)
            #expect(response.headers[HTTPField.Name("X-Model")!] == "u2netp")
            #expect(["black", "white"].contains(response.headers[HTTPField.Name("X-Background")!] ?? ""))
            #expect(service.storedFiles().isEmpty)
        }
    }

    @Test("formats, background colours, the mask alone, cropping and the preview size")
    func options() async throws {
        try await withService { service, client in
            let jpeg = try await Self.post(client, service, query: "format=jpg&bg_color=ff0000")
            #expect(jpeg.status == .ok && jpeg.headers[.contentType] == "image/jpeg")
            #expect(Array(jpeg.body.readableBytesView).starts(with: [0xFF, 0xD8]))
            let decoded = try ImageDecoder().decode(Array(jpeg.body.readableBytesView)).image
            #expect(decoded.pixels[0] > 200 && decoded.pixels[1] < 60 && decoded.pixels[2] < 60, "the corner is red")

            let webp = try await Self.post(client, service, query: "format=webp&bg_color=transparent")
            #expect(webp.status == .ok && webp.headers[.contentType] == "image/webp")
            #expect(Array(webp.body.readableBytesView)[8..<12] == Array("WEBP".utf8)[...])

            let transparent = try await Self.post(client, service, query: "bg_color=transparent")
            #expect(Self.pngColourType(transparent.body) == 6)

            let alpha = try await Self.post(client, service, query: "channels=alpha")
            #expect(alpha.status == .ok && Self.pngColourType(alpha.body) == 0)
            #expect(Self.header(alpha, "X-Width") == 449)

            let full = try await Self.post(client, service)
            let cropped = try await Self.post(client, service, query: "crop=true&crop_margin=10")
            #expect(cropped.status == .ok)
            let boxLeft = try #require(Self.header(full, "X-Foreground-Left"))
            let boxWidth = try #require(Self.header(full, "X-Foreground-Width"))
            #expect(Self.header(cropped, "X-Foreground-Width") == boxWidth)
            #expect(Self.header(cropped, "X-Foreground-Left") == min(10, boxLeft))
            let croppedWidth = try #require(Self.header(cropped, "X-Width"))
            #expect(croppedWidth <= boxWidth + 20 && croppedWidth >= boxWidth)

            let preview = try await Self.post(client, service, query: "size=preview")
            let previewWidth = try #require(Self.header(preview, "X-Width"))
            let previewHeight = try #require(Self.header(preview, "X-Height"))
            #expect(previewWidth * previewHeight <= 250_000 && previewWidth < 449, "\(previewWidth)×\(previewHeight)")
            #expect(service.storedFiles().isEmpty)
        }
    }

    @Test("multipart with image_file and option fields; the query string wins over a field")
    func multipart() async throws {
        try await withService { service, client in
            let boundary = "----bookplate\(UUID().uuidString)"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nwebp\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"channels\"\r\n\r\nalpha\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"book.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
            body += Self.book + Array("\r\n--\(boundary)--\r\n".utf8)
            let response = try await Self.post(
                client, service, query: "format=png", contentType: "multipart/form-data; boundary=\"\(boundary)\"", body: body)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "image/png" && Self.pngColourType(response.body) == 0)
        }
    }

    @Test("Accept: application/json answers the image in base64 with the report")
    func json() async throws {
        try await withService { service, client in
            let response = try await Self.post(client, service, accept: "application/json")
            #expect(response.status == .ok && response.headers[.contentType] == "application/json")
            let answer = try object(response.body)
            #expect(answer["content_type"] as? String == "image/png" && answer["width"] as? Int == 449)
            #expect(answer["model"] as? String == "u2netp")
            let image = try #require(Data(base64Encoded: answer["image_base64"] as? String ?? ""))
            #expect(Array(image).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            let report = try #require(answer["report"] as? [String: Any])
            #expect(report["status"] as? String == "ok" && (report["timings"] as? [String: Any])?["inference"] != nil)
            #expect((answer["foreground"] as? [String: Any])?["width"] as? Int ?? 0 > 100)
        }
    }

    @Test("bad input: clear 4xx answers, nothing stored")
    func badInput() async throws {
        try await withService { service, client in
            let cases: [(query: String, contentType: String, body: [UInt8], status: HTTPResponse.Status, code: String)] = [
                ("", "text/plain", Array("hello".utf8), .unsupportedMediaType, "unsupported_media_type"),
                ("", "application/json", Array("{}".utf8), .unsupportedMediaType, "unsupported_media_type"),
                ("", "image/jpeg", [], .badRequest, "empty_image"),
                ("", "image/jpeg", HostileImages.htmlPage, .unprocessableContent, "unrecognised_format"),
                ("", "image/svg+xml", HostileImages.otherFormats[0].bytes, .unprocessableContent, "unrecognised_format"),
                ("", "image/bmp", HostileImages.otherFormats[3].bytes, .unprocessableContent, "unrecognised_format"),
                ("", "image/jpeg", HostileImages.truncated(Self.book, to: 3000), .unprocessableContent, "corrupt_image"),
                ("", "image/png", HostileImages.pngHeader(width: 100_000, height: 100_000), .unprocessableContent, "decompression_bomb"),
                ("format=gif", "image/jpeg", Self.book, .badRequest, "invalid_parameter"),
                ("bg_color=%3Cscript%3E", "image/jpeg", Self.book, .badRequest, "invalid_parameter"),
                ("crop_margin=-3", "image/jpeg", Self.book, .badRequest, "invalid_parameter"),
                ("size=huge", "image/jpeg", Self.book, .badRequest, "invalid_parameter"),
                ("format=jpg&bg_color=transparent", "image/jpeg", Self.book, .badRequest, "invalid_parameter"),
                ("", "multipart/form-data", Self.book, .badRequest, "invalid_multipart"),
                ("", "multipart/form-data; boundary=abc", Self.book, .badRequest, "invalid_multipart"),
                ("", "multipart/form-data; boundary=abc",
                 Array("--abc\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--abc--".utf8), .badRequest, "missing_image"),
                ("", "multipart/form-data; boundary=abc",
                 Array("--abc\r\nContent-Disposition: form-data; name=\"image_file\"\r\n\r\n".utf8) + Self.book, .badRequest,
                 "invalid_multipart"),
            ]
            for item in cases {
                let response = try await Self.post(
                    client, service, query: item.query, contentType: item.contentType, body: item.body)
                #expect(response.status == item.status, "\(item.query) \(item.contentType): \(String(buffer: response.body))")
                #expect((try? object(response.body))?["error"].flatMap { ($0 as? [String: Any])?["code"] as? String } == item.code,
                        "\(item.query) \(item.contentType): \(String(buffer: response.body))")
            }
            let huge = try await Self.post(client, service, body: [UInt8](repeating: 0xFF, count: BodyLimits.maximumPhotoBytes + 1))
            #expect(huge.status == .contentTooLarge)
            #expect(service.storedFiles().isEmpty)
        }
    }

    @Test("roles: editors and admins may, viewers get 403, no key 401")
    func roles() async throws {
        try await withService { service, client in
            #expect(try await Self.post(client, service, role: .viewer).status == .forbidden)
            #expect(try await Self.post(client, service, role: .admin).status == .ok)
            let anonymous = try await client.execute(
                uri: "/v1/remove-background", method: .post, headers: [.contentType: "image/jpeg"],
                body: ByteBuffer(bytes: Self.book))
            #expect(anonymous.status == .unauthorized)
        }
    }

    /// Two uploads still sending their photos (bodies that never finish, here) hold both places of one slot and
    /// one queue place: a third request is refused before it reads a byte, so a flood of large bodies is never
    /// held in memory.
    @Test("places are taken before the photo is read: requests still uploading count, the next is refused at once")
    func placesBeforeReading() async throws {
        let admission = ProcessingAdmission(concurrency: 1, queueLimit: 1)
        let uploads = (0..<2).map { _ in AsyncStream.makeStream(of: Void.self) }
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<2 {
                let rest = uploads[index].stream
                group.addTask {
                    try await admission.admit {
                        startedContinuation.yield()
                        for await _ in rest {}
                        return try await admission.run { index }
                    }
                }
            }
            var iterator = started.makeAsyncIterator()
            for _ in 0..<2 { _ = await iterator.next() }
            let clock = ContinuousClock()
            let begin = clock.now
            await #expect(throws: ProcessingAdmission.Busy.self) {
                try await admission.admit { Issue.record("a third request was let in"); return 0 }
            }
            #expect(clock.now - begin < .seconds(1))
            for upload in uploads { upload.continuation.finish() }
            var finished = 0
            for try await index in group { finished += index + 1 }
            #expect(finished == 3, "both uploads were processed")
        }
        #expect(try await admission.admit { try await admission.run { 7 } } == 7, "places are given back")
    }
}
