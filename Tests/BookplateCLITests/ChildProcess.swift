import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts programs with posix_spawn and waits for them with waitpid: Foundation's `Process.waitUntilExit` can miss
/// a child's exit on Linux while another child is running. Children start with no blocked signals and SIGTERM and
/// SIGINT at their defaults, whatever the test runner has set.
struct ChildProcess {
    let pid: pid_t

    /// Starts `arguments[0]` (searched in PATH) with the rest as its arguments and `environment` added to this
    /// process's environment; stdin from /dev/null, stdout and stderr to the given files (or /dev/null).
    init(
        _ arguments: [String], environment: [String: String] = [:], standardOutput: URL? = nil,
        standardError: URL? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput?.path ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError?.path ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var cArguments = arguments.map { strdup($0) }
        cArguments.append(nil)
        defer { cArguments.forEach { free($0) } }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") }
        cEnvironment.append(nil)
        defer { cEnvironment.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &stopSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, cEnvironment)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        self.pid = pid
    }

    /// Waits for the child to exit and returns its exit status (128 + signal when killed). The wait blocks a thread
    /// of its own, not one of Swift's cooperative pool: on a 2-core machine that pool has two threads, and two tests
    /// blocked in `waitpid` there would hold every other test of the process still — an AWS call among them would
    /// see its answer's body seconds late and fail.
    func exitStatus() async -> Int32 {
        let pid = pid
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Self.reap(pid)) }
        }
    }

    /// Waits for the child on the calling thread and returns its exit status: only for clean-up in a `defer`,
    /// where nothing can be awaited; everywhere else ``exitStatus()``.
    @discardableResult
    func wait() -> Int32 {
        Self.reap(pid)
    }

    /// Stops the child at once and waits for it.
    func terminate() {
        kill(pid, SIGKILL)
        Self.reap(pid)
    }

    /// Blocks until `pid` exits; its exit status.
    @discardableResult
    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
