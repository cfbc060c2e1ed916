import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var failed = 0

    init(total: Int) {
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && total > 0
        draw()
    }

    func advance(failed didFail: Bool) {
        lock.lock()
        done += 1
        if didFail { failed += 1 }
        lock.unlock()
        draw()
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw() {
        guard enabled else { return }
        lock.lock()
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r[\(bar)] \(done)/\(total)" + (failed > 0 ? " (\(failed) failed)" : "")
        lock.unlock()
        FileHandle.standardError.write(Data(line.utf8))
    }
}
