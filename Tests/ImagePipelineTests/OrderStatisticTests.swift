import Testing

@testable import ImagePipeline

/// Selection gives exactly the value sorting would, at every rank, for the orders that trouble a selection: many
/// equal values, sorted and reversed runs, an organ pipe, and a few thousand scattered values.
@Suite("Order statistic")
struct OrderStatisticTests {
    static let orders: [(name: String, values: [Float])] = [
        ("one value", [0.25]),
        ("all equal", [Float](repeating: 0.5, count: 97)),
        ("two values", (0..<200).map { Float($0 % 2) }),
        ("sorted", (0..<300).map { Float($0) / 300 }),
        ("reversed", (0..<300).map { Float(300 - $0) / 300 }),
        ("organ pipe", (0..<301).map { Float(150 - abs(150 - $0)) }),
        ("few levels", (0..<1_000).map { Float(abs(fixedScatter($0, 7)) % 9) / 8 }),
        ("scattered", (0..<4_099).map { Float(abs(fixedScatter($0, 11)) % 100_003) / 100_003 }),
    ]

    @Test("Every rank gives the sorted order's value", arguments: orders.map(\.name))
    func everyRank(order: String) {
        let values = Self.orders.first { $0.name == order }!.values
        let sorted = values.sorted()
        var mismatches = 0
        for rank in values.indices {
            var working = values
            if OrderStatistic.value(at: rank, of: &working) != sorted[rank] { mismatches += 1 }
            #expect(working.sorted() == sorted, "rank \(rank) lost or changed a value")
        }
        #expect(mismatches == 0)
    }

    @Test("Ranks asked one after another of the same reordered values")
    func ranksInTurn() {
        var values = Self.orders.last!.values
        let sorted = values.sorted()
        for rank in [2_049, 3_483, 0, 4_098, 1_024] {
            #expect(OrderStatistic.value(at: rank, of: &values) == sorted[rank])
        }
    }
}
