import Domain

/// A page of items as the API shows it.
struct ListResource<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var limit: Int
    var offset: Int
    var total: Int

    init<Source>(_ page: Page<Source>, transform: (Source) -> Item) {
        items = page.items.map(transform)
        limit = page.limit
        offset = page.offset
        total = page.total
    }

    init(items: [Item]) {
        self.items = items
        limit = items.count
        offset = 0
        total = items.count
    }
}
