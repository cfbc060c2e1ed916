/// A call's bytes stopped moving: nothing was sent or received for the call's deadline.
struct TransferStalled: Error, CustomStringConvertible {
    /// How long nothing moved.
    var limit: Duration

    var description: String { "nothing was sent or received for \(limit)" }
}
