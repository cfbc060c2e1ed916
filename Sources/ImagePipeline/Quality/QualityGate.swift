/// The checks a mask must pass before it is used; a failed check sends the photo to the next attempt.
public struct QualityGate: Sendable, Equatable {
    /// Mask value from which a pixel counts as subject.
    public var subjectThreshold: UInt8
    /// Smallest accepted subject box side in pixels (the seed service used 100).
    public var minimumSubjectSide: Int
    /// Lowest accepted book-shape score; 0 turns the shape check off.
    public var minimumShapeScore: Double

    /// A gate with the seed service's rules and the given shape floor.
    public init(subjectThreshold: UInt8 = 128, minimumSubjectSide: Int = 100, minimumShapeScore: Double = 0) {
        self.subjectThreshold = subjectThreshold
        self.minimumSubjectSide = minimumSubjectSide
        self.minimumShapeScore = minimumShapeScore
    }

    /// Why a mask was rejected.
    public enum Rejection: Error, Equatable, Sendable, CustomStringConvertible {
        /// No pixel reaches the subject threshold.
        case noSubject
        /// The subject box is narrower or lower than the minimum.
        case subjectTooSmall(width: Int, height: Int, minimum: Int)
        /// The mask is not shaped enough like a book.
        case notBookShaped(score: Double, minimum: Double)

        /// A stable identifier of the reason.
        public var code: String {
            switch self {
            case .noSubject: "no_subject"
            case .subjectTooSmall: "subject_too_small"
            case .notBookShaped: "not_book_shaped"
            }
        }

        /// A sentence a person can act on.
        public var description: String {
            switch self {
            case .noSubject:
                "no subject was found"
            case let .subjectTooSmall(width, height, minimum):
                "the subject box is \(width)×\(height) px, under \(minimum) px in at least one direction"
            case let .notBookShaped(score, minimum):
                "the mask's book-shape score \(score.formatted2) is under the floor \(minimum.formatted2)"
            }
        }
    }

    /// What the gate measured.
    public struct Measurement: Sendable, Equatable {
        /// The subject box, nil when there is no subject.
        public let box: SubjectBox?
        /// The book-shape score in 0…1.
        public let shapeScore: Double
    }

    /// Measures `mask` and returns the measurement, or the first rule it breaks. `shapeScore` is the mask's
    /// book-shape score at `subjectThreshold` when the caller has measured it already (the book-outline step scores
    /// the mask it returns); nil measures it here.
    public func inspect(_ mask: GrayImage, shapeScore measured: Double? = nil)
        -> (measurement: Measurement, rejection: Rejection?)
    {
        guard let box = SubjectBox.around(mask, threshold: subjectThreshold) else {
            return (Measurement(box: nil, shapeScore: 0), .noSubject)
        }
        let score = measured ?? ShapeScore.score(mask, threshold: subjectThreshold)
        let measurement = Measurement(box: box, shapeScore: score)
        if box.width < minimumSubjectSide || box.height < minimumSubjectSide {
            return (measurement, .subjectTooSmall(width: box.width, height: box.height, minimum: minimumSubjectSide))
        }
        if score < minimumShapeScore {
            return (measurement, .notBookShaped(score: score, minimum: minimumShapeScore))
        }
        return (measurement, nil)
    }
}

extension Double {
    /// The value with two decimals, for messages.
    var formatted2: String {
        let scaled = (self * 100).rounded() / 100
        return String(scaled)
    }
}
