/// A flood over a grid of `width × height` pixels (row-major): it spreads one 4-neighbour step at a time through the
/// pixels it admits and never enters a pixel twice. The full-frame and printed-page checks follow a surface with it;
/// the printed-page check also fills the subject's holes and counts the islands of print with it.
struct GridFlood {
    /// The pixels reached so far, together with those marked as reached before the first flood.
    private(set) var reached: [Bool]
    private let width: Int
    private let height: Int
    private var queue: [Int] = []

    /// A flood that treats the pixels `reached` is true for as reached already, so that it never enters them.
    init(reached: [Bool], width: Int, height: Int) {
        self.reached = reached
        self.width = width
        self.height = height
    }

    /// Reaches the `seeds` not reached yet — the caller has admitted them — and every pixel joined to them through
    /// pixels `admits` accepts; returns how many pixels this call reached.
    @discardableResult
    mutating func spread(from seeds: some Sequence<Int>, through admits: (Int) -> Bool = { _ in true }) -> Int {
        queue.removeAll(keepingCapacity: true)
        for seed in seeds where !reached[seed] {
            reached[seed] = true
            queue.append(seed)
        }
        var next = 0
        while next < queue.count {
            let index = queue[next]
            next += 1
            let x = index % width
            if x > 0 { visit(index - 1, admits) }
            if x < width - 1 { visit(index + 1, admits) }
            if index >= width { visit(index - width, admits) }
            if index + width < width * height { visit(index + width, admits) }
        }
        return queue.count
    }

    /// The row-major indices of the grid's outermost rows and columns (the corners twice).
    static func borderIndices(width: Int, height: Int) -> [Int] {
        Array(0..<width) + (0..<width).map { (height - 1) * width + $0 } + (0..<height).map { $0 * width }
            + (0..<height).map { $0 * width + width - 1 }
    }

    /// The share of the grid's outermost pixels that `region` holds (the corners counted twice).
    static func borderShare(of region: [Bool], width: Int, height: Int) -> Double {
        let border = borderIndices(width: width, height: height)
        return Double(border.count { region[$0] }) / Double(border.count)
    }

    /// The subject together with every pixel reachable from it, one 4-neighbour step at a time, through pixels
    /// `through` admits; the walk starts at the admitted pixels touching the subject (8-neighbours).
    static func follow(from subject: [Bool], width: Int, height: Int, through admits: (Int) -> Bool) -> [Bool] {
        var seeds: [Int] = []
        for y in 0..<height {
            for x in 0..<width where !subject[y * width + x] && admits(y * width + x) {
                let touches = (max(0, y - 1)...min(height - 1, y + 1)).contains { row in
                    (max(0, x - 1)...min(width - 1, x + 1)).contains { subject[row * width + $0] }
                }
                if touches { seeds.append(y * width + x) }
            }
        }
        var flood = Self(reached: subject, width: width, height: height)
        flood.spread(from: seeds, through: admits)
        return flood.reached
    }

    private mutating func visit(_ index: Int, _ admits: (Int) -> Bool) {
        if !reached[index] && admits(index) {
            reached[index] = true
            queue.append(index)
        }
    }
}
