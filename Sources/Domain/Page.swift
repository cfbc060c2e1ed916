/// One page of a list and how to ask for the next.
public struct Page<Item: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    /// The items on this page.
    public var items: [Item]
    /// The page size asked for.
    public var limit: Int
    /// How many items came before this page.
    public var offset: Int
    /// How many items there are in all.
    public var total: Int

    /// A page from its parts.
    public init(items: [Item], limit: Int, offset: Int, total: Int) {
        self.items = items
        self.limit = limit
        self.offset = offset
        self.total = total
    }
}
