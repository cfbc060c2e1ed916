import Foundation
import ImagePipeline

/// Where the outputs of one input go: `DIR/<stem>.<ext>`, `DIR/<stem>.thumb.jpg`, `DIR/<stem>.mask.png`.
struct OutputPlan {
    let input: URL
    let image: URL
    let thumbnail: URL
    let mask: URL
    let maskOnly: Bool

    init(input: URL, directory: URL, format: ImageFormat, maskOnly: Bool) {
        let stem = input.deletingPathExtension().lastPathComponent
        self.input = input
        image = directory.appendingPathComponent("\(stem).\(format.fileExtension)")
        thumbnail = directory.appendingPathComponent("\(stem).thumb.jpg")
        mask = directory.appendingPathComponent("\(stem).mask.png")
        self.maskOnly = maskOnly
    }

    /// The files this run writes for the input.
    var outputs: [URL] { maskOnly ? [mask] : [image, thumbnail] }

    /// For each input, the reason it cannot be written safely: an output would replace an input, or two inputs
    /// share an output name.
    static func conflicts(_ plans: [OutputPlan]) -> [URL: String] {
        let inputs = Set(plans.map { $0.input.resolvingSymlinksInPath().path })
        var owners: [String: URL] = [:]
        var conflicts: [URL: String] = [:]
        for plan in plans {
            for output in plan.outputs {
                let path = output.standardizedFileURL.resolvingSymlinksInPath().path
                if inputs.contains(path) {
                    conflicts[plan.input] = "writing \(path) would overwrite an input"
                } else if let owner = owners[path], owner != plan.input {
                    conflicts[plan.input] = "\(path) is also the output of \(owner.path)"
                } else {
                    owners[path] = plan.input
                }
            }
        }
        return conflicts
    }
}
