import Foundation
import ImagePipeline

/// Processes one input file of `bookplate process` and writes its outputs atomically.
struct PhotoJob {
    let plan: OutputPlan
    let processor: PhotoProcessor
    let conflict: String?

    func run() -> PhotoReport {
        var failed = PhotoReport(input: plan.input.path)
        if let conflict {
            failed.error = .init(code: "output_conflict", message: conflict)
            return failed
        }
        let limit = processor.options.limits.maxFileBytes
        let size = (try? FileManager.default.attributesOfItem(atPath: plan.input.path)[.size] as? NSNumber)?.intValue
        if let size, size > limit {
            failed.error = .init(code: "file_too_large", message: ImageError.fileTooLarge(bytes: size, limit: limit).description)
            return failed
        }
        let clock = ContinuousClock()
        let readStart = clock.now
        guard let data = FileManager.default.contents(atPath: plan.input.path) else {
            failed.error = .init(code: "unreadable_file", message: "the file cannot be read")
            return failed
        }
        let bytes = [UInt8](data)
        let readMilliseconds = (clock.now - readStart).milliseconds
        let result = processor.process(bytes, input: plan.input.path)
        var report = result.report
        report.timings.read = readMilliseconds
        guard report.status == "ok" else { return report }
        let writeStart = clock.now
        do {
            if let mask = result.mask {
                try Data(mask).write(to: plan.mask, options: .atomic)
                report.outputs.mask = plan.mask.path
            }
            if let image = result.image {
                try Data(image).write(to: plan.image, options: .atomic)
                report.outputs.image = plan.image.path
            }
            if let thumbnail = result.thumbnail {
                try Data(thumbnail).write(to: plan.thumbnail, options: .atomic)
                report.outputs.thumbnail = plan.thumbnail.path
            }
        } catch {
            report.status = "failed"
            report.error = .init(code: "write_failed", message: error.localizedDescription)
        }
        report.timings.write = (clock.now - writeStart).milliseconds
        return report
    }
}
