import Foundation

/// Which models of an attempt list are present and intact, for health checks and system info. A file's
/// checksums are computed once and remembered until its size, modification time or inode changes, so repeated
/// health checks do not read hundreds of megabytes each time.
public final class ModelInventory: @unchecked Sendable {
    /// The models folder checked.
    public let store: ModelStore
    /// The attempt list whose models are checked.
    public let attempts: [Attempt]
    /// The registry names the attempt list uses, in attempt order without repeats.
    public let names: [String]
    private let lock = NSLock()
    private var remembered: [String: (stamp: FileStamp, verification: ModelStore.Verification)] = [:]

    /// An inventory of the models `attempts` use in `store`.
    public init(store: ModelStore, attempts: [Attempt]) {
        self.store = store
        self.attempts = attempts
        var seen: Set<String> = []
        names = attempts.map(\.model).filter { seen.insert($0).inserted }
    }

    /// The state of each model of the attempt list: `ok`, `absent`, `mismatch` or `unknown` (not in the registry).
    public func check() -> [ModelStore.Verification] {
        names.map { name in
            guard let model = store.registry.model(named: name) else {
                return ModelStore.Verification(name: name, status: "unknown", sha256: nil, md5: nil)
            }
            let path = store.path(of: model)
            guard let stamp = FileStamp(path: path) else {
                return ModelStore.Verification(name: name, status: "absent", sha256: nil, md5: nil)
            }
            lock.lock()
            let cached = remembered[name]
            lock.unlock()
            if let cached, cached.stamp == stamp { return cached.verification }
            let verification = store.verify(model)
            lock.lock()
            remembered[name] = (stamp, verification)
            lock.unlock()
            return verification
        }
    }
}

/// What identifies one version of a file cheaply: its inode, size and modification time.
struct FileStamp: Equatable {
    let inode: Int
    let size: Int
    let modified: Date

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.intValue,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        self.inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? 0
        self.size = size
        self.modified = modified
    }
}
