/// An 8-bit sRGB image with interleaved red, green and blue samples, row by row.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height × 3` samples, R G B for each pixel.
    public var pixels: [UInt8]

    /// Wraps existing samples; `pixels` must hold exactly `width × height × 3` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGB pixel count does not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image filled with one colour.
    public init(width: Int, height: Int, filledWith colour: RGBColour) {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = colour.red
            pixels[index + 1] = colour.green
            pixels[index + 2] = colour.blue
        }
        self.init(width: width, height: height, pixels: pixels)
    }
}

/// An 8-bit single-channel image: a mask, an alpha channel or a grey picture.
public struct GrayImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height` samples, row by row.
    public var pixels: [UInt8]

    /// Wraps existing samples; `pixels` must hold exactly `width × height` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "grey pixel count does not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// An 8-bit RGB colour.
public struct RGBColour: Sendable, Equatable, Codable {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// A colour from its three components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Pure white.
    public static let white = RGBColour(red: 255, green: 255, blue: 255)
    /// Pure black.
    public static let black = RGBColour(red: 0, green: 0, blue: 0)

    /// Parses `#RRGGBB` (the `#` is optional); nil when the text is not such a colour.
    public init?(hex text: String) {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// The colour as `#RRGGBB`.
    public var hex: String {
        let digits = [red, green, blue].map { byte -> String in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + digits.joined()
    }

    /// The three components as floats on the 0…255 scale.
    var samples: [Float] { [Float(red), Float(green), Float(blue)] }
}
