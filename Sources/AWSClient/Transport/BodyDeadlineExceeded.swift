/// An answer's body stopped moving: it had not all arrived by the call's deadline and its size's transfer time.
struct BodyDeadlineExceeded: Error, CustomStringConvertible {
    var description: String { "the answer's body did not arrive in time" }
}
