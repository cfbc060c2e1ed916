import Dispatch
import Foundation

/// Runs `body` for every row in `0..<count`, spread over the machine's cores in contiguous bands; fewer than
/// `serialBelow` rows run on the calling thread.
func concurrentRows(_ count: Int, serialBelow: Int = 64, _ body: (Int) -> Void) {
    concurrentBands(count, serialBelow: serialBelow) { rows in
        for row in rows { body(row) }
    }
}

/// Splits `0..<count` into contiguous bands, two per core, and runs `body` once per band, bands in parallel; fewer
/// than `serialBelow` rows run as one band on the calling thread. A band is the place for per-thread scratch memory.
func concurrentBands(_ count: Int, serialBelow: Int = 64, _ body: (Range<Int>) -> Void) {
    let bands = min(count, ProcessInfo.processInfo.activeProcessorCount * 2)
    guard bands > 1, count >= serialBelow else {
        body(0..<count)
        return
    }
    withoutActuallyEscaping(body) { work in
        nonisolated(unsafe) let band = work
        DispatchQueue.concurrentPerform(iterations: bands) { index in
            band((count * index / bands)..<(count * (index + 1) / bands))
        }
    }
}
