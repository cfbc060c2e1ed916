import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Persistence

/// Fetches a listing's photo over HTTP(S) with the address policy applied to the URL and to every redirect,
/// a timeout, a size limit that stops reading as soon as it is passed, and a check that the bytes are an image.
/// Each hop connects to the address the policy checked (an HTTP client whose DNS answer for the host is pinned
/// to it; TLS still verifies the host name), never to a second resolution of the name.
public struct PhotoFetcher: Sendable {
    private let policy: AddressPolicy
    private let maximumBytes: Int
    private let timeout: Duration
    private let maximumRedirects = 5
    /// The most bytes one listing's photos may have together, fetched or read from the store: an import holds them
    /// all until every one is checked.
    public let maximumListingBytes: Int

    /// A fetcher under `policy`: at most `maximumBytes` a photo, `maximumListingBytes` a listing, each hop within
    /// `timeout`.
    public init(
        policy: AddressPolicy, maximumBytes: Int, maximumListingBytes: Int = 200 << 20, timeout: Duration = .seconds(20)
    ) {
        self.policy = policy
        self.maximumBytes = maximumBytes
        self.maximumListingBytes = maximumListingBytes
        self.timeout = timeout
    }

    /// An HTTP client for one hop: no automatic redirects, bounded connect time, `host` pinned to `address`.
    static func pinnedClient(host: String, to address: AddressPolicy.Address) -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(15))
        configuration.decompression = .disabled
        configuration.dnsOverride = [host: address.description]
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The bytes at `text`, or an ``ImportError`` saying why not.
    public func fetch(_ text: String) async throws(ImportError) -> [UInt8] {
        guard text.count <= 2048, var url = URL(string: text) else {
            throw ImportError(code: "invalid_url", message: "not a URL: \(text.prefix(200))")
        }
        for _ in 0...maximumRedirects {
            let address = try await policy.check(url)
            let client = Self.pinnedClient(host: url.host ?? "", to: address)
            let hop: Result<Hop, ImportError>
            do {
                hop = .success(try await withinTimeout(url) { [self, url] in try await fetchHop(url, client: client) })
            } catch {
                hop = .failure(error)
            }
            try? await client.shutdown()
            switch hop {
            case .success(.redirect(let next)): url = next
            case .success(.photo(let bytes)): return bytes
            case .failure(let error): throw error
            }
        }
        throw ImportError(code: "too_many_redirects", message: "more than \(maximumRedirects) redirects")
    }

    /// Runs one hop, headers and body, within `timeout` (``Deadline``): AsyncHTTPClient's deadline ends with the
    /// headers, and its read timeout is per read, so a site that sends a byte every few seconds would hold an import
    /// for as long as it liked. When time is up the hop is cancelled, and the caller shuts its client down.
    private func withinTimeout(_ url: URL, _ hop: @escaping @Sendable () async throws -> Hop)
        async throws(ImportError) -> Hop
    {
        let timeout = self.timeout
        do {
            return try await Deadline.run(
                within: timeout,
                expired: {
                    ImportError(
                        code: "fetch_timeout",
                        message: "\(url.absoluteString.prefix(200)) did not send the whole photo within \(timeout.components.seconds) s")
                }, hop)
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(code: "fetch_failed", message: "\(url.absoluteString.prefix(200)): \(error)")
        }
    }

    /// Where one request led.
    private enum Hop: Sendable {
        case redirect(URL)
        case photo([UInt8])
    }

    private func fetchHop(_ url: URL, client: HTTPClient) async throws(ImportError) -> Hop {
        let response: HTTPClientResponse
        do {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "User-Agent", value: "Bookplate listing import")
            request.headers.add(name: "Accept", value: "image/*")
            response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
        } catch {
            throw ImportError(code: "fetch_failed", message: "fetching \(url.absoluteString.prefix(200)) failed: \(error)")
        }
        if (300..<400).contains(response.status.code) {
            guard let location = response.headers.first(name: "Location"),
                let next = URL(string: location, relativeTo: url)?.absoluteURL
            else {
                throw ImportError(code: "fetch_failed", message: "a redirect from \(url.absoluteString.prefix(200)) has no usable Location")
            }
            return .redirect(next)
        }
        guard response.status == .ok else {
            throw ImportError(code: "http_status", message: "\(url.absoluteString.prefix(200)) answered \(response.status.code)")
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumBytes {
            throw ImportError(code: "too_large", message: "the photo has \(length) bytes, more than \(maximumBytes)")
        }
        let bytes = try await collect(response, from: url)
        guard ImageSignature.looksLikeImage(bytes) else {
            throw ImportError(code: "not_an_image", message: "\(url.absoluteString.prefix(200)) did not return an image")
        }
        return .photo(bytes)
    }

    private func collect(_ response: HTTPClientResponse, from url: URL) async throws(ImportError) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= maximumBytes else {
                    throw ImportError(code: "too_large", message: "the photo is larger than \(maximumBytes) bytes")
                }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(code: "fetch_failed", message: "reading \(url.absoluteString.prefix(200)) failed: \(error)")
        }
        return bytes
    }
}
