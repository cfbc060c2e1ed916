import Foundation
import PhotoJobs
import Synchronization
import TestSupport
import Testing

/// Work of one lane of ``BlockingWork`` starts while as many spinning tasks as there are cores fill another: a
/// request's brief work and a photo its caller waits for never wait behind photo jobs, and a waited-on photo has a
/// thread of its own. One test case at a time: the cases fill lanes that others need.
@Suite("Blocking work waits in line only behind work of its own lane", .serialized, .timeLimit(.minutes(3)))
struct BlockingWorkTests {
    @Test(
        "work of one lane starts while spinners fill another",
        arguments: [
            (BlockingWork.Lane.brief, BlockingWork.Lane.backgroundPhoto), (.foregroundPhoto, .backgroundPhoto),
            (.foregroundPhoto, .brief),
        ])
    func laneStartsBesideBusyLane(waiting: BlockingWork.Lane, busy: BlockingWork.Lane) async throws {
        let gate = SpinGate()
        let spinners = try await gate.fill(busy)
        await BlockingWork.run(in: waiting) { gate.open() }
        for spinner in spinners {
            #expect(await spinner.value, "the work waited until the spinners gave up")
        }
    }
}

/// Tasks that keep a thread busy until the gate opens, or until 30 s after all of them spin (150 s after the gate
/// was made at the latest, so that no spinner outlives a test stopped on the way).
private final class SpinGate: Sendable {
    private let started = Atomic(0)
    private let isOpen = Atomic(false)
    private let deadline = Atomic(DispatchTime.now().uptimeNanoseconds + 150_000_000_000)

    /// How many tasks have started spinning.
    var spinning: Int { started.load(ordering: .acquiring) }

    /// Starts as many spinners as there are cores in `lane`, waits until all of them spin (other suites' work may
    /// hold the lane for a while) and gives them 30 s from then.
    func fill(_ lane: BlockingWork.Lane) async throws -> [Task<Bool, Never>] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let spinners = (0..<cores).map { _ in Task { await BlockingWork.run(in: lane) { self.spin() } } }
        let allSpinning = try await eventually(timeout: .seconds(90)) { spinning == cores }
        #expect(allSpinning, "the lane never ran \(cores) tasks at once")
        deadline.min(DispatchTime.now().uptimeNanoseconds + 30_000_000_000, ordering: .acquiringAndReleasing)
        return spinners
    }

    /// Lets every spinner go.
    func open() { isOpen.store(true, ordering: .releasing) }

    /// Keeps the calling thread busy until the gate opens (true) or the deadline passes (false).
    private func spin() -> Bool {
        started.add(1, ordering: .releasing)
        while DispatchTime.now().uptimeNanoseconds < deadline.load(ordering: .acquiring) {
            if isOpen.load(ordering: .acquiring) { return true }
        }
        return false
    }
}
