import Testing

@testable import ImagePipeline

/// The 3-4 chamfer distance: with nothing in the way, the two passes give the cheapest path of steps across (3) and
/// diagonal (4), 3·max(|dx|, |dy|) + min(|dx|, |dy|) thirds of a pixel to the nearest marked pixel; checked on
/// grids of every shape the passes treat apart (one row, one column, one pixel) and on scattered marks.
@Suite("Chamfer distance")
struct ChamferDistanceTests {
    /// The distance in thirds of a pixel from every pixel to the nearest marked one, by trying every marked pixel.
    static func reference(_ marked: [Bool], width: Int, height: Int) -> [Int] {
        let marks = marked.indices.filter { marked[$0] }.map { (x: $0 % width, y: $0 / width) }
        return (0..<(width * height)).map { index in
            let (x, y) = (index % width, index / width)
            return marks.map { mark in
                let (across, down) = (abs(mark.x - x), abs(mark.y - y))
                return 3 * max(across, down) + min(across, down)
            }.min() ?? Int(Int32.max / 2)
        }
    }

    static let grids: [(width: Int, height: Int)] = [(1, 1), (1, 9), (9, 1), (2, 2), (7, 5), (31, 17), (64, 48)]

    @Test("Equals the cheapest path to the nearest mark", arguments: grids.indices)
    func cheapestPath(grid: Int) {
        let (width, height) = Self.grids[grid]
        for density in [1, 7, 50] {
            let marked = (0..<(width * height)).map { abs(fixedScatter($0, density)) % 100 < density }
            let distance = ChamferDistance(marked: marked, width: width, height: height)
            let expected = Self.reference(marked, width: width, height: height)
            let wrong = (0..<(width * height)).filter { distance.pixels(at: $0) != Float(expected[$0]) / 3 }
            #expect(wrong.isEmpty, "\(width) × \(height), \(density) % marked: \(wrong.count) pixels differ")
        }
    }

    @Test("A single mark in a corner reaches the far corner by the diagonal and then across")
    func singleMark() {
        var marked = [Bool](repeating: false, count: 12 * 5)
        marked[0] = true
        let distance = ChamferDistance(marked: marked, width: 12, height: 5)
        #expect(distance.pixels(at: 12 * 5 - 1) == Float(3 * 11 + 4) / 3)
        #expect(distance.pixels(at: 0) == 0)
    }
}
