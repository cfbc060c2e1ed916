/// The photo and the model's subject reduced once to the book-outline step's working grid (at most 512 px a side),
/// shared by the full-frame check, the printed-page check and the quadrilateral search. A class, so that the edge
/// map, which the checks seldom need and the search always does, is made once, on first use. Not `Sendable`: one
/// copy per photo, made and used within one call.
final class OutlineWorkingCopy {
    static let longSide = 512

    /// The reduced grid and the full size it came from.
    let grid: WorkingResolution
    /// The photo's block averages in 0…1, plane after plane (red, green, blue), each `grid.width × grid.height`.
    let planes: [Float]
    /// Whether each grid pixel is the model's subject: its mask's block average at `subjectThreshold` or above.
    let subject: [Bool]
    /// The distance from every grid pixel to the subject (0 on it).
    let toSubject: ChamferDistance
    /// The reduced photo's colour gradients, made when first asked for.
    private(set) lazy var edges = EdgeMap(planes: planes, width: grid.width, height: grid.height)

    /// Reduces `image` and `mask` (the model's, same size) to the working grid; the subject is where the mask is
    /// at `subjectThreshold` (0…255) or above.
    init(image: RGBImage, mask: GrayImage, subjectThreshold: UInt8) {
        grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: Self.longSide)
        planes = grid.reduce(image.pixels, channels: 3)
        let threshold = Float(subjectThreshold) / 255
        subject = grid.reduce(mask.pixels, channels: 1).map { $0 >= threshold }
        toSubject = ChamferDistance(marked: subject, width: grid.width, height: grid.height)
    }

    /// The reduced photo's colour at a grid index.
    func colour(at index: Int) -> SIMD3<Float> {
        let count = grid.width * grid.height
        return SIMD3(planes[index], planes[count + index], planes[2 * count + index])
    }
}
