import Foundation

/// Expands the command line's files and folders into the list of photos to process.
enum InputCollector {
    /// File extensions picked up when walking a folder; files named directly are always taken.
    static let imageExtensions: Set<String> = [
        "jpg", "jpeg", "png", "webp", "tif", "tiff", "gif", "heic", "heif", "avif", "jxl", "jp2", "bmp", "ppm",
        "pgm", "pnm",
    ]

    /// Every named file, and every image file below every named folder (recursively, hidden files skipped),
    /// leaving out anything inside `excluding`; sorted within each folder.
    static func collect(_ arguments: [String], excluding excluded: URL) throws -> [URL] {
        let manager = FileManager.default
        let excludedPath = excluded.standardizedFileURL.path
        var files: [URL] = []
        for argument in arguments {
            let url = URL(fileURLWithPath: argument).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw CollectionError.missing(argument)
            }
            guard isDirectory.boolValue else {
                files.append(url)
                continue
            }
            let enumerator = manager.enumerator(
                at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            var found: [URL] = []
            while let candidate = enumerator?.nextObject() as? URL {
                let path = candidate.standardizedFileURL.path
                if path == excludedPath || path.hasPrefix(excludedPath + "/") {
                    enumerator?.skipDescendants()
                    continue
                }
                guard imageExtensions.contains(candidate.pathExtension.lowercased()),
                    (try? candidate.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                found.append(candidate.standardizedFileURL)
            }
            files.append(contentsOf: found.sorted { $0.path < $1.path })
        }
        return files
    }

    /// A named input that does not exist.
    enum CollectionError: Error, CustomStringConvertible {
        case missing(String)

        var description: String {
            switch self {
            case let .missing(path): "no such file or folder: \(path)"
            }
        }
    }
}
