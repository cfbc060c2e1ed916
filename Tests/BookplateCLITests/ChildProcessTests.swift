import Foundation
import Testing

/// `ChildProcess.exitStatus()` must wait without holding a thread of Swift's cooperative pool, or tests waiting for
/// children would stop every other test of the process (one such stop failed an AWS call's body deadline).
@Suite("Waiting for child processes", .timeLimit(.minutes(1)))
struct ChildProcessTests {
    @Test("more children waited for at once than the cooperative pool has threads, released by another task")
    func waitsOffThePool() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = folder.appendingPathComponent("release")
        let count = ProcessInfo.processInfo.activeProcessorCount + 2
        let children = try (0..<count).map { _ in
            try ChildProcess(
                ["bash", "-c", #"while [ ! -e "$RELEASE" ]; do sleep 0.05; done; exit 7"#],
                environment: ["RELEASE": release.path])
        }
        let statuses = await withTaskGroup(of: Int32?.self) { group in
            for child in children {
                group.addTask { await child.exitStatus() }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(300))
                try? Data().write(to: release)
                return nil
            }
            return await group.compactMap { $0 }.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 7, count: count))
    }

    @Test("a child killed by a signal reports 128 plus the signal")
    func killedChild() async throws {
        let child = try ChildProcess(["sleep", "30"])
        kill(child.pid, SIGKILL)
        #expect(await child.exitStatus() == 128 + SIGKILL)
    }
}
