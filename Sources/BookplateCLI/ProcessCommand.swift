import ArgumentParser
import Foundation
import ImagePipeline

/// `bookplate process`: removes the background of photos and writes composites, thumbnails or masks.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Remove the background of photos: files or folders (recursively), processed in parallel.",
        discussion: """
            Writes DIR/<stem>.<ext> (the subject on its background) and DIR/<stem>.thumb.jpg, or only
            DIR/<stem>.mask.png with --mask-only. Never overwrites an input. Exits 1 when any photo failed.
            """
    )

    @Argument(help: "Photo files or folders.") var inputs: [String]
    @Option(name: .shortAndLong, help: "Output folder.") var output: String
    @Option(help: "Use this one model instead of the attempt list (see `bookplate models list`).") var model: String?
    @Flag(help: "With --model: refine the mask's edges with the photo as guide.") var refine = false
    @Option(help: "Attempt list, for example 'u2net+refine,u2net+refine,isnet-general-use'.") var attempts: String?
    @OptionGroup var models: ModelOptions
    @Option(help: "auto | white | black | transparent | #RRGGBB.") var background = "auto"
    @Option(help: "png | jpeg | webp.") var format: ImageFormat = .png
    @Flag(help: "Write only the mask, DIR/<stem>.mask.png.") var maskOnly = false
    @Flag(help: "Crop the output to the subject with a margin.") var crop = false
    @Option(help: "Margin around the subject with --crop, in pixels.") var margin = 20
    @Flag(help: "Print one JSON report line per photo on standard output.") var json = false
    @Option(help: "refuse | shrink: what to do with photos over the size limits.") var oversize: ImageLimits.OversizePolicy = .refuse
    @Option(help: "Longest accepted side in pixels.") var maxSide = 4096
    @Option(help: "Most accepted megapixels.") var maxMegapixels = 40.0
    @Option(help: "Largest accepted file in bytes.") var maxFileBytes = 64 << 20
    @Option(help: "Smallest accepted subject box side in pixels.") var minSubjectSide = 100
    @Option(help: "Lowest accepted book-shape score (0 turns the check off).") var minShapeScore = 0.0
    @Flag(help: "Keep the model's mask even when it is not book-shaped (no book-outline step).") var noBookOutline = false
    @Option(help: "Compression level of PNG outputs (0-9; 1 by ISA-L, the others by zlib).")
    var pngCompression = 1
    @Option(help: "Photos processed at once (default: the number of cores).") var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard Background(argument: background) != nil else {
            throw ValidationError("--background must be auto, white, black, transparent or #RRGGBB")
        }
        if attempts != nil, model != nil { throw ValidationError("use either --model or --attempts") }
        if let attempts, Attempt.list(from: attempts) == nil {
            throw ValidationError("--attempts must be a comma-separated list of NAME or NAME+refine")
        }
        if background == "transparent", format == .jpeg { throw ValidationError("JPEG cannot hold transparency") }
        guard jobs > 0, maxSide > 0, maxMegapixels > 0, maxFileBytes > 0 else {
            throw ValidationError("--jobs and the limits must be positive")
        }
        guard (0...9).contains(pngCompression) else { throw ValidationError("--png-compression must be 0 to 9") }
    }

    func run() async throws {
        let outputDirectory = URL(fileURLWithPath: output).standardizedFileURL
        let files: [URL]
        do {
            files = try InputCollector.collect(inputs, excluding: outputDirectory)
        } catch {
            throw ValidationError("\(error)")
        }
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let plans = files.map { OutputPlan(input: $0, directory: outputDirectory, format: format, maskOnly: maskOnly) }
        let conflicts = OutputPlan.conflicts(plans)
        let processor = PhotoProcessor(
            segmenters: models.sessions(photosAtOnce: jobs), options: processingOptions())
        let progress = ProgressBar(total: plans.count)
        let printer = ReportPrinter(json: json)
        let failures = await withTaskGroup(of: Bool.self) { group in
            var next = 0
            var failures = 0
            func startNext() {
                guard next < plans.count else { return }
                let plan = plans[next]
                next += 1
                group.addTask {
                    let report = PhotoJob(plan: plan, processor: processor, conflict: conflicts[plan.input]).run()
                    printer.emit(report)
                    progress.advance(failed: report.status != "ok")
                    return report.status == "ok"
                }
            }
            for _ in 0..<min(jobs, plans.count) { startNext() }
            for await succeeded in group {
                if !succeeded { failures += 1 }
                startNext()
            }
            return failures
        }
        progress.finish()
        if failures > 0 {
            FileHandle.standardError.write(Data("bookplate: \(failures) of \(plans.count) photos failed\n".utf8))
            throw ExitCode(1)
        }
    }

    private func processingOptions() -> ProcessingOptions {
        let attemptList: [Attempt] =
            if let model { [Attempt(model: model, refine: refine)] } else if let attempts {
                Attempt.list(from: attempts) ?? Attempt.defaultList
            } else { Attempt.defaultList }
        return ProcessingOptions(
            limits: ImageLimits(
                maxSide: maxSide, maxMegapixels: maxMegapixels, maxFileBytes: maxFileBytes, oversize: oversize),
            attempts: attemptList,
            gate: QualityGate(minimumSubjectSide: minSubjectSide, minimumShapeScore: minShapeScore),
            bookOutline: noBookOutline ? nil : BookOutlineFinder(),
            background: Background(argument: background) ?? .auto,
            format: format,
            maskOnly: maskOnly,
            crop: crop,
            cropMargin: margin,
            pngCompression: pngCompression)
    }
}

extension ImageFormat: ExpressibleByArgument {}
extension ImageLimits.OversizePolicy: ExpressibleByArgument {}
