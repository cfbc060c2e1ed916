import Foundation
import ImagePipeline

/// Prints each photo's outcome: a JSON line on standard output with `--json`, and every failure with its reason
/// on standard error.
final class ReportPrinter: @unchecked Sendable {
    private let json: Bool
    private let lock = NSLock()

    init(json: Bool) {
        self.json = json
    }

    func emit(_ report: PhotoReport) {
        lock.lock()
        defer { lock.unlock() }
        if json, let line = try? JSONLines.encode(report) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        if let error = report.error {
            let message = "bookplate: \(report.input ?? "photo"): \(error.code): \(error.message)\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
    }
}
