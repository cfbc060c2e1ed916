import Foundation

/// A health report in the `application/health+json` format (draft-inadarei-api-health-check).
public struct HealthReport: Codable, Sendable {
    /// `pass`, `warn` or `fail`.
    public var status: String
    /// The service's version.
    public var version: String
    /// What was checked.
    public var description: String
    /// Results keyed `component:measurement`.
    public var checks: [String: [Check]]

    /// One measurement of one component.
    public struct Check: Codable, Sendable {
        /// Which of several components under one key this is, for example a model's name.
        public var componentId: String? = nil
        /// `pass`, `warn` or `fail`.
        public var status: String
        /// `datastore`, `component` or `system`.
        public var componentType: String
        /// The measured value.
        public var observedValue: Double?
        /// Its unit: `ms`, `messages`, `version`.
        public var observedUnit: String?
        /// Why it failed, or extra facts.
        public var output: String?
        /// When it was measured.
        public var time: Date
    }
}
