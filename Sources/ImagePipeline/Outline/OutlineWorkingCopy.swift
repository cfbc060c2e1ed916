/// The photo and the model's mask reduced once to the book-outline step's working grid (at most 512 px a side),
/// shared by the full-frame check, the printed-page check and the quadrilateral search.
struct OutlineWorkingCopy {
    static let longSide = 512

    /// The reduced grid and the full size it came from.
    let grid: WorkingResolution
    /// The photo's block averages in 0…1, plane after plane (red, green, blue), each `grid.width × grid.height`.
    let planes: [Float]
    /// The mask's block averages in 0…1.
    let mask: [Float]

    /// Reduces `image` and `mask` (the model's, same size) to the working grid.
    init(image: RGBImage, mask: GrayImage) {
        grid = WorkingResolution(fullWidth: image.width, fullHeight: image.height, longSide: Self.longSide)
        planes = grid.reduce(image.pixels, channels: 3)
        self.mask = grid.reduce(mask.pixels, channels: 1)
    }
}
