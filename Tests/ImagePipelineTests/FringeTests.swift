import ImagePipeline
import Testing

/// Compositing soft edges: our estimated-foreground composite against the true composite, and rembg's
/// premultiplied cut-out against the same truth.
@Suite("No fringe on soft edges")
struct FringeTests {
    struct Scene: CustomStringConvertible {
        let name: String
        let foreground: RGBColour
        let photoBackground: RGBColour
        var description: String { name }
    }

    static let scenes = [
        Scene(name: "light book photographed on dark green", foreground: RGBColour(red: 235, green: 225, blue: 205),
              photoBackground: RGBColour(red: 20, green: 80, blue: 30)),
        Scene(name: "dark book photographed on a light table", foreground: RGBColour(red: 35, green: 25, blue: 60),
              photoBackground: RGBColour(red: 210, green: 200, blue: 185)),
        Scene(name: "red book photographed on grey", foreground: RGBColour(red: 200, green: 30, blue: 40),
              photoBackground: RGBColour(red: 128, green: 128, blue: 128)),
    ]

    /// A 240×180 photo: a book whose right edge fades over 24 px from opaque to transparent.
    static func photo(_ scene: Scene) -> (image: RGBImage, alpha: [Double], mask: GrayImage) {
        let width = 240
        let height = 180
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var alpha = [Double](repeating: 0, count: width * height)
        var mask = [UInt8](repeating: 0, count: width * height)
        let f = [scene.foreground.red, scene.foreground.green, scene.foreground.blue].map(Double.init)
        let b = [scene.photoBackground.red, scene.photoBackground.green, scene.photoBackground.blue].map(Double.init)
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                let insideVertically = y >= 30 && y < 150
                let coverage = insideVertically ? min(max(Double(150 - x) / 24, 0), x >= 40 ? 1 : 0) : 0
                let quantised = (coverage * 255).rounded() / 255
                alpha[index] = quantised
                mask[index] = UInt8(quantised * 255)
                for channel in 0..<3 {
                    pixels[index * 3 + channel] = UInt8((quantised * f[channel] + (1 - quantised) * b[channel]).rounded())
                }
            }
        }
        return (RGBImage(width: width, height: height, pixels: pixels), alpha,
                GrayImage(width: width, height: height, pixels: mask))
    }

    /// Mean absolute error (0–255 scale) over the soft band between an output and the true composite on `target`.
    static func bandError(_ output: (Int, Int) -> Double, scene: Scene, alpha: [Double], on target: RGBColour) -> Double {
        let f = [scene.foreground.red, scene.foreground.green, scene.foreground.blue].map(Double.init)
        let t = [target.red, target.green, target.blue].map(Double.init)
        var total = 0.0
        var count = 0
        for index in alpha.indices where alpha[index] > 0 && alpha[index] < 1 {
            for channel in 0..<3 {
                let truth = alpha[index] * f[channel] + (1 - alpha[index]) * t[channel]
                total += abs(output(index, channel) - truth)
                count += 1
            }
        }
        return total / Double(count)
    }

    @Test("our composite stays within 2/255 of the truth; rembg's premultiplied cut-out does not", arguments: scenes)
    func compositeMatchesTruth(scene: Scene) {
        let (image, alpha, mask) = Self.photo(scene)
        for target in [RGBColour.white, RGBColour.black] {
            let ours = Compositor().compose(image: image, mask: mask, on: target)
            let ourError = Self.bandError({ Double(ours.pixels[$0 * 3 + $1]) }, scene: scene, alpha: alpha, on: target)
            let t = [target.red, target.green, target.blue].map(Double.init)
            let rembgError = Self.bandError({ index, channel in
                let premultiplied = (Double(image.pixels[index * 3 + channel]) * alpha[index]).rounded()
                return alpha[index] * premultiplied + (1 - alpha[index]) * t[channel]
            }, scene: scene, alpha: alpha, on: target)
            print("fringe \(scene.name) over \(target.hex): ours \(ourError)/255, rembg premultiplied \(rembgError)/255")
            #expect(ourError <= 2, "ours over \(target.hex)")
            #expect(rembgError > 2, "rembg over \(target.hex)")
        }
    }

    @Test("the transparent cut-out carries straight foreground colour on soft edges", arguments: scenes)
    func cutoutIsStraight(scene: Scene) {
        let (image, alpha, mask) = Self.photo(scene)
        let cutout = Compositor().cutout(image: image, mask: mask)
        let f = [scene.foreground.red, scene.foreground.green, scene.foreground.blue].map(Double.init)
        var total = 0.0
        var count = 0
        for index in alpha.indices where alpha[index] > 0.1 && alpha[index] < 1 {
            for channel in 0..<3 {
                total += abs(Double(cutout[index * 4 + channel]) - f[channel])
                count += 1
            }
            #expect(cutout[index * 4 + 3] == mask.pixels[index])
        }
        #expect(total / Double(count) <= 4)
    }

    @Test("a cut-out flattened on a colour is the composite on that colour, within rounding", arguments: scenes)
    func flattenedCutoutMatchesComposite(scene: Scene) {
        let (image, _, mask) = Self.photo(scene)
        let compositor = Compositor()
        let cutout = compositor.cutout(image: image, mask: mask)
        for target in [RGBColour.white, RGBColour.black, RGBColour(red: 40, green: 90, blue: 200)] {
            let flattened = compositor.flatten(cutout: cutout, width: image.width, height: image.height, on: target)
            let composed = compositor.compose(image: image, mask: mask, on: target)
            let largest = zip(flattened.pixels, composed.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(largest <= 1, "over \(target.hex)")
        }
    }

    @Test(
        "a composite written over a photo handed over is the composite of a copy; a photo still held is untouched",
        arguments: scenes)
    func composingOverThePhoto(scene: Scene) {
        let (image, _, mask) = Self.photo(scene)
        let original = image.pixels.map { $0 }
        let ofAKeptPhoto = Compositor().compose(image: image, mask: mask, on: .white)
        #expect(image.pixels == original)
        let handedOver = RGBImage(width: image.width, height: image.height, pixels: original.map { $0 })
        let storage = handedOver.pixels.withUnsafeBufferPointer { $0.baseAddress }
        let ofAHandedOverPhoto = Compositor().compose(image: consume handedOver, mask: mask, on: .white)
        #expect(ofAHandedOverPhoto == ofAKeptPhoto)
        #expect(ofAHandedOverPhoto.pixels.withUnsafeBufferPointer { $0.baseAddress } == storage, "no second buffer")
        #expect(ofAKeptPhoto.pixels != original, "the scene has a subject and a background to compose")
    }
}
