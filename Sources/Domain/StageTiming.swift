/// How long one stage of the photo pipeline (decode, inference, refine …) took for one photo.
public struct StageTiming: Sendable, Codable, Equatable {
    /// The stage's name, as the per-photo report names it.
    public var stage: String
    /// Its wall time in milliseconds.
    public var milliseconds: Double

    /// A timing from its parts.
    public init(stage: String, milliseconds: Double) {
        self.stage = stage
        self.milliseconds = milliseconds
    }
}
