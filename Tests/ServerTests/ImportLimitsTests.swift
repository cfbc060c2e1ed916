import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// What a listing import may cost: time per hop, bytes per listing.
@Suite("Listing import: a slow site and a heavy listing are cut short", .timeLimit(.minutes(2)))
struct ImportLimitsTests {
    /// AsyncHTTPClient's deadline ends with the headers and its read timeout is per read: a byte every half second
    /// would hold the import for a minute.
    @Test("a site that trickles its photo is given up at the hop's timeout")
    func trickle() async throws {
        let fetcher = PhotoFetcher(
            policy: AddressPolicy(allowedHosts: ["127.0.0.1"]), maximumBytes: 1 << 20, timeout: .seconds(2))
        try await ListingHost.run { site in
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let bytes = try await fetcher.fetch("\(site)/trickle.jpg")
                Issue.record("the trickle was read to its end: \(bytes.count) bytes")
            } catch {
                #expect((error as? ImportError)?.code == "fetch_timeout", "\(error)")
            }
            #expect(clock.now - start < .seconds(10))
        }
    }

    @Test("a listing whose photos together pass import.max_listing_bytes is refused; nothing is stored")
    func heavyListing() async throws {
        try await withDatabase(.sqlite) { database in
            let service = try await TestService.make(database: database, settings: ["import.max_listing_bytes": "100000"])
            try await ListingHost.run { site in
                try await service.application(workers: false).test(.router) { client in
                    let listing = """
                        {"book": {"title": "Heavy"},
                         "photos": [{"url": "\(site)/photos/anime-girl-1.jpg"}, {"url": "\(site)/photos/car-1.jpg"}]}
                        """
                    try await client.execute(uri: "/imports", method: .post, headers: service.headers(.editor), body: json(listing)) {
                        response in
                        #expect(response.status == .unprocessableContent)
                        let error = try object(response.body)["error"] as? [String: Any]
                        #expect(error?["code"] as? String == "listing_too_large")
                        #expect((error?["message"] as? String)?.hasPrefix("photos[1]") == true, "\(String(describing: error))")
                    }
                    #expect(try await service.runtime.books.list(limit: 10, offset: 0).total == 0)
                    #expect(service.storedFiles().isEmpty)
                }
            }
        }
    }
}
