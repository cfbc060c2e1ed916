/// What the subject is placed on.
public enum Background: Sendable, Equatable, CustomStringConvertible {
    /// Black or white, chosen from the subject's brightness (the seed service's rule).
    case auto
    /// A fixed colour.
    case colour(RGBColour)
    /// No background: an RGBA cut-out with straight (not premultiplied) colour.
    case transparent

    /// Parses `auto`, `white`, `black`, `transparent` or `#RRGGBB`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "white": self = .colour(.white)
        case "black": self = .colour(.black)
        case "transparent": self = .transparent
        default:
            guard let colour = RGBColour(hex: argument) else { return nil }
            self = .colour(colour)
        }
    }

    /// The argument form of the choice.
    public var description: String {
        switch self {
        case .auto: "auto"
        case .transparent: "transparent"
        case let .colour(colour) where colour == .white: "white"
        case let .colour(colour) where colour == .black: "black"
        case let .colour(colour): colour.hex
        }
    }
}
