import Foundation
import ImagePipeline

/// Paths of the shared fixtures and models, and helpers to build synthetic photos.
enum Fixtures {
    /// The shared folder: $BOOKPLATE_SHARED_DIR, else `../shared` beside the package.
    static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["BOOKPLATE_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let models = shared.appendingPathComponent("models")

    /// The official rembg model files the test command installs (`scripts/install-models`).
    static let installedModels = packageRoot.appendingPathComponent("bookplate-data/models")

    /// rembg's own sample photos.
    static let rembgPhotoNames = ["anime-girl-1.jpg", "car-1.jpg", "cloth-1.jpg", "plants-1.jpg"]

    /// Every parity photo with its reference mask in the reference folder `references` (`reference-u2netp` holds
    /// rembg 2.0.86's masks made with `shared/models/u2netp.onnx`, `reference-u2net` with the official u2net).
    static func parityPhotos(_ references: String) -> [(photo: URL, referenceMask: URL)] {
        let rembg = shared.appendingPathComponent("fixtures/rembg")
        let books = shared.appendingPathComponent("fixtures/books")
        let rembgPhotos = rembgPhotoNames.map {
            (rembg.appendingPathComponent("inputs/\($0)"), rembg.appendingPathComponent("\(references)/\(stem($0)).mask.png"))
        }
        let bookPhotos = ["Jobs_ladeado.jpg", "book1.jpg", "fortSolitude.png"].map {
            (books.appendingPathComponent($0), books.appendingPathComponent("\(references)/\(stem($0)).mask.png"))
        }
        return rembgPhotos + bookPhotos
    }

    /// The parity photos with rembg 2.0.86's masks made with `shared/models/u2netp.onnx`.
    static let parityPhotos = parityPhotos("reference-u2netp")

    static func stem(_ name: String) -> String {
        URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Sessions over the shared models folder, opened once for all tests.
    static let sessions = ModelSessions(
        directory: models, threading: InferenceSession.Threading(intraOpThreads: 2, interOpThreads: 1, allowSpinning: false))

    /// Sessions over the official model files installed by the test command, opened once for all tests.
    static let installedSessions = ModelSessions(
        directory: installedModels,
        threading: InferenceSession.Threading(intraOpThreads: 2, interOpThreads: 1, allowSpinning: false))

    /// A PNG of the given RGB picture.
    static func png(_ image: RGBImage) throws -> [UInt8] {
        try ImageEncoder(pngCompression: 1).encode(image, as: .png)
    }

    /// A light rectangle ("book") of the given size on a dark background, as PNG.
    static func bookPhoto(width: Int, height: Int, book: (x: Int, y: Int, width: Int, height: Int)) throws -> [UInt8] {
        var image = RGBImage(width: width, height: height, filledWith: RGBColour(red: 30, green: 30, blue: 35))
        for y in book.y..<(book.y + book.height) {
            for x in book.x..<(book.x + book.width) {
                let index = (y * width + x) * 3
                image.pixels[index] = 235
                image.pixels[index + 1] = 225
                image.pixels[index + 2] = 200
            }
        }
        return try png(image)
    }
}
