/// Cuts a rectangle out of a picture.
enum Cropping {
    static func crop(_ image: RGBImage, to box: SubjectBox) -> RGBImage {
        RGBImage(width: box.width, height: box.height, pixels: rows(image.pixels, width: image.width, channels: 3, box: box))
    }

    static func crop(_ image: GrayImage, to box: SubjectBox) -> GrayImage {
        GrayImage(width: box.width, height: box.height, pixels: rows(image.pixels, width: image.width, channels: 1, box: box))
    }

    private static func rows(_ pixels: [UInt8], width: Int, channels: Int, box: SubjectBox) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(box.width * box.height * channels)
        for y in box.y..<(box.y + box.height) {
            let start = (y * width + box.x) * channels
            output.append(contentsOf: pixels[start..<(start + box.width * channels)])
        }
        return output
    }
}
