import Foundation
import HTTPAPI
import Synchronization
import Testing

/// The importer connects to the address its policy checked, never to a second resolution of the host name, so a
/// DNS answer that changes between the check and the connection (rebinding) cannot reach another address.
@Suite("Listing import: the checked address is the one connected to", .timeLimit(.minutes(2)))
struct AddressPinningTests {
    @Test("a host the system cannot resolve is fetched from the address the policy resolved, once per hop")
    func pinned() async throws {
        let lookups = Mutex(0)
        let loopback = AddressPolicy.Address(bytes: [127, 0, 0, 1])
        let policy = AddressPolicy(allowedHosts: ["photos.bookplate.invalid"]) { host in
            lookups.withLock { $0 += 1 }
            return host == "photos.bookplate.invalid" ? [loopback] : []
        }
        let fetcher = PhotoFetcher(policy: policy, maximumBytes: 10 << 20)
        try await ListingHost.run { site in
            let port = try #require(URL(string: site)?.port)
            let bytes = try await fetcher.fetch("http://photos.bookplate.invalid:\(port)/photos/fort.png")
            #expect(bytes.count > 1000)
            #expect(lookups.withLock { $0 } == 1)
            let redirected = try await fetcher.fetch(
                "http://photos.bookplate.invalid:\(port)/redirect?to=/photos/anime-girl-1.jpg")
            #expect(redirected.count > 1000)
            #expect(lookups.withLock { $0 } == 3, "one check for each hop")
        }
    }

    @Test("a host whose first answer is refused is never connected to, whatever a later answer would say")
    func refusedFirstAnswer() async throws {
        let answers = Mutex([[AddressPolicy.Address(bytes: [10, 0, 0, 7])], [AddressPolicy.Address(bytes: [93, 184, 216, 34])]])
        let policy = AddressPolicy { _ in answers.withLock { $0.removeFirst() } }
        let fetcher = PhotoFetcher(policy: policy, maximumBytes: 1 << 20)
        do {
            _ = try await fetcher.fetch("http://rebinding.bookplate.invalid/photo.jpg")
            Issue.record("a host resolving to a private address was fetched")
        } catch {
            #expect(error.code == "forbidden_address", "\(error)")
        }
        #expect(answers.withLock { $0.count } == 1, "resolved once, refused, no second resolution")
    }
}
