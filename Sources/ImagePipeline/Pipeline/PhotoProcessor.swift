/// Runs the whole photo flow on one photo: decode with limits, background removal attempts with the quality gate,
/// brightness rule, compositing, encoding and thumbnail. Safe to call from many tasks at once.
public struct PhotoProcessor: Sendable {
    /// Where segmenters come from.
    public let segmenters: any SegmenterSource
    /// How photos are processed.
    public let options: ProcessingOptions

    /// A processor with the given models and options.
    public init(segmenters: any SegmenterSource, options: ProcessingOptions) {
        self.segmenters = segmenters
        self.options = options
    }

    private struct Failure: Error {
        let code: String
        let message: String
    }

    private struct AcceptedMask {
        let mask: GrayImage
        let measurement: QualityGate.Measurement
        let model: String
    }

    /// The first refined attempt whose refined mask the gate refused and whose unrefined mask it accepts: used when
    /// no attempt is accepted, so that refinement never loses a photo and later attempts still get their turn.
    private struct UnrefinedFallback {
        let attemptIndex: Int
        let accepted: AcceptedMask
    }

    /// Processes encoded photo bytes. Never throws: a failure is described in the returned report.
    public func process(_ data: [UInt8], input: String? = nil) -> ProcessedPhoto {
        let clock = ContinuousClock()
        let start = clock.now
        var report = PhotoReport(input: input)
        var result = ProcessedPhoto(report: report)
        do {
            let timedDecode = try Timed { () throws(Failure) in
                try reporting { () throws(ImageError) in try ImageDecoder(limits: options.limits).decode(data) }
            }
            report.timings.decode = timedDecode.milliseconds
            report.shrunk = timedDecode.value.shrunk
            // The only copy of the photo from here on, so that the composite can be written over it.
            let photo = (consume timedDecode).value.image
            report.width = photo.width
            report.height = photo.height
            let accepted = try removeBackground(photo, report: &report)
            report.modelUsed = accepted.model
            report.subjectBox = accepted.measurement.box
            report.shapeScore = accepted.measurement.shapeScore
            try finish(image: consume photo, accepted: accepted, report: &report, result: &result)
            report.status = "ok"
        } catch let failure as Failure {
            report.error = PhotoReport.ReportedError(code: failure.code, message: failure.message)
        } catch {
            report.error = PhotoReport.ReportedError(code: "internal_error", message: "\(error)")
        }
        report.timings.total = (clock.now - start).milliseconds
        result.report = report
        return result
    }

    private func removeBackground(_ image: RGBImage, report: inout PhotoReport) throws -> AcceptedMask {
        let clock = ContinuousClock()
        var failedEarlier: [Attempt: PhotoReport.AttemptReport] = [:]
        var fallback: UnrefinedFallback?
        for attempt in options.attempts {
            let attemptStart = clock.now
            var entry = PhotoReport.AttemptReport(model: attempt.model, refined: attempt.refine, outcome: "rejected")
            defer {
                entry.milliseconds = (clock.now - attemptStart).milliseconds
                report.attempts.append(entry)
            }
            if let earlier = failedEarlier[attempt] {
                entry.outcome = "skipped"
                entry.reason = earlier.reason
                entry.message = "identical to an earlier attempt, which gave: \(earlier.message ?? "no result")"
                continue
            }
            let segmenter: Segmenter
            do {
                segmenter = try segmenters.segmenter(for: attempt.model)
            } catch {
                entry.outcome = "skipped"
                entry.reason = error.code
                entry.message = error.description
                failedEarlier[attempt] = entry
                continue
            }
            let prediction: Segmenter.Prediction
            do {
                prediction = try segmenter.predict(image)
            } catch {
                entry.outcome = "error"
                entry.reason = error.code
                entry.message = error.description
                failedEarlier[attempt] = entry
                continue
            }
            report.timings.preprocess += prediction.preprocessSeconds * 1000
            report.timings.inference += prediction.inferenceSeconds * 1000
            report.timings.postprocess += prediction.postprocessSeconds * 1000
            let masks = outlineAndRefine(prediction.mask, of: image, refine: attempt.refine, report: &report)
            entry.bookOutline = masks.outline
            let (unrefined, mask) = (masks.unrefined, masks.final)
            // The outline step scored this very mask, unless refinement has changed it since.
            let outlineScore = attempt.refine ? nil : entry.bookOutline?.shapeScoreAfter
            let gated = Timed {
                let inspection = options.gate.inspect(mask, shapeScore: outlineScore)
                if attempt.refine, inspection.rejection != nil, fallback == nil {
                    let plain = options.gate.inspect(unrefined, shapeScore: entry.bookOutline?.shapeScoreAfter)
                    if plain.rejection == nil {
                        fallback = UnrefinedFallback(
                            attemptIndex: report.attempts.count,
                            accepted: AcceptedMask(mask: unrefined, measurement: plain.measurement, model: attempt.model))
                    }
                }
                return inspection
            }
            report.timings.gate += gated.milliseconds
            let inspection = gated.value
            entry.shapeScore = inspection.measurement.shapeScore
            entry.subjectBox = inspection.measurement.box
            if let rejection = inspection.rejection {
                entry.reason = rejection.code
                entry.message = rejection.description
                failedEarlier[attempt] = entry
                continue
            }
            entry.outcome = "accepted"
            entry.bookOutline?.shapeScoreAfter = inspection.measurement.shapeScore
            report.bookOutline = entry.bookOutline
            return AcceptedMask(mask: mask, measurement: inspection.measurement, model: attempt.model)
        }
        if let fallback {
            var entry = report.attempts[fallback.attemptIndex]
            entry.message = "no attempt was accepted, so refinement was undone: the gate refused the refined mask "
                + "(\(entry.message ?? "no reason")) and accepts the unrefined one"
            entry.outcome = "accepted"
            entry.refined = false
            entry.reason = nil
            entry.shapeScore = fallback.accepted.measurement.shapeScore
            entry.subjectBox = fallback.accepted.measurement.box
            entry.bookOutline?.shapeScoreAfter = fallback.accepted.measurement.shapeScore
            report.attempts[fallback.attemptIndex] = entry
            report.bookOutline = entry.bookOutline
            return fallback.accepted
        }
        let reasons = report.attempts.compactMap { attempt in attempt.reason.map { "\(attempt.model): \($0)" } }
        throw Failure(
            code: "no_acceptable_attempt",
            message: "no attempt gave an acceptable mask (\(reasons.joined(separator: "; ")))")
    }

    /// The outline step and refinement of one attempt's mask: the mask before refinement, the final one and what
    /// the step did. With both on they run side by side: refinement starts on the model's own mask as the step
    /// starts, and its result is kept unless the step replaced the mask, which is then refined in turn with the
    /// photo as the first refinement reduced it (the timings count the refinement whose result is kept).
    private func outlineAndRefine(_ modelMask: GrayImage, of image: RGBImage, refine: Bool, report: inout PhotoReport)
        -> (unrefined: GrayImage, final: GrayImage, outline: PhotoReport.BookOutlineReport?)
    {
        let refinement = options.refinement
        guard let finder = options.bookOutline else {
            guard refine else { return (modelMask, modelMask, nil) }
            let result = Timed { refinement.refine(mask: modelMask, guide: image) }
            report.timings.refine += result.milliseconds
            return (modelMask, result.value, nil)
        }
        guard refine else {
            let outlined = Timed { outline(modelMask, of: image, with: finder) }
            report.timings.outline += outlined.milliseconds
            return (outlined.value.mask, outlined.value.mask, outlined.value.report)
        }
        let sideBySide = Parallel.both {
            outline(modelMask, of: image, with: finder)
        } _: {
            let guide = refinement.guide(for: image)
            return (guide: guide, mask: refinement.refine(mask: modelMask, guide: guide))
        }
        let outlined = sideBySide.first.value
        report.timings.outline += sideBySide.first.milliseconds
        guard outlined.report.outcome == .applied else {
            report.timings.refine += sideBySide.second.milliseconds
            return (outlined.mask, sideBySide.second.value.mask, outlined.report)
        }
        let kept = Timed { refinement.refine(mask: outlined.mask, guide: sideBySide.second.value.guide) }
        report.timings.refine += kept.milliseconds
        return (outlined.mask, kept.value, outlined.report)
    }

    /// The mask to use and what the book-outline step did: the whole photo when the book fills it (the model kept
    /// its print, or a page that runs off three of the photo's sides) or the model kept a picture printed on a page
    /// that does; the model's own when it is book-shaped already or no convincing outline exists; the book's outline
    /// otherwise.
    private func outline(_ mask: GrayImage, of image: RGBImage, with finder: BookOutlineFinder)
        -> (mask: GrayImage, report: PhotoReport.BookOutlineReport)
    {
        let before = ShapeScore.score(mask, threshold: options.gate.subjectThreshold)
        let copy = OutlineWorkingCopy(image: image, mask: mask, subjectThreshold: options.gate.subjectThreshold)
        let wholePhoto = { (check: WholePhotoCheck) in
            let (width, height) = (Double(image.width), Double(image.height))
            return (
                GrayImage(width: mask.width, height: mask.height, pixels: [UInt8](repeating: 255, count: mask.pixels.count)),
                PhotoReport.BookOutlineReport(
                    outcome: .applied, shapeScoreBefore: before, shapeScoreAfter: 1,
                    corners: [[0, 0], [width, 0], [width, height], [0, height]], wholePhotoCheck: check)
            )
        }
        if finder.fullFrame.bookFillsFrame(copy) {
            return wholePhoto(.fullFrame)
        }
        if finder.runsOffFrame.bookRunsOffFrame(copy) {
            return wholePhoto(.runsOffFrame)
        }
        guard before < finder.bookShapedScore else {
            return (mask, .init(outcome: .notNeeded, shapeScoreBefore: before, shapeScoreAfter: before))
        }
        if finder.printedPage.pictureOnPage(copy) {
            return wholePhoto(.printedPage)
        }
        guard let found = finder.find(in: copy) else {
            return (mask, .init(outcome: .notFound, shapeScoreBefore: before, shapeScoreAfter: before))
        }
        let outlined = BookOutlineFinder.mask(of: found.quadrilateral, width: mask.width, height: mask.height)
        let after = ShapeScore.score(outlined, threshold: options.gate.subjectThreshold)
        return (
            outlined,
            .init(
                outcome: .applied, shapeScoreBefore: before, shapeScoreAfter: after,
                corners: found.quadrilateral.corners.map { [($0.x * 10).rounded() / 10, ($0.y * 10).rounded() / 10] },
                sideSupport: found.sideSupport.map { ($0 * 100).rounded() / 100 })
        )
    }

    /// Crops, composes and encodes the accepted subject. `image` is consumed: the composite is written over it.
    private func finish(
        image: consuming RGBImage, accepted: AcceptedMask, report: inout PhotoReport, result: inout ProcessedPhoto
    ) throws {
        var mask = accepted.mask
        if options.crop, let box = accepted.measurement.box {
            let region = box.expanded(by: options.cropMargin, within: image.width, height: image.height)
            image = Cropping.crop(image, to: region)
            mask = Cropping.crop(mask, to: region)
        }
        let brightness = Brightness.subjectBrightness(image: image, mask: mask)
        report.brightness = (brightness * 100).rounded() / 100
        let encoder = ImageEncoder(pngCompression: options.pngCompression, quality: options.quality)
        result.maskPixels = mask
        if options.maskOnly {
            let maskFile = try Timed { () throws(Failure) in
                try reporting { () throws(ImageError) in try encoder.encode(mask, as: .png) }
            }
            result.mask = maskFile.value
            report.timings.encode = maskFile.milliseconds
            return
        }
        let composition = Timed(handing: consume image) { image in
            composed(image: image, mask: mask, brightness: brightness, encoder: encoder)
        }
        report.timings.composite = composition.milliseconds
        report.background = composition.value.background
        let composite = composition.value.picture
        let encodeMain = composition.value.encode
        let thumbnailEncoder = ImageEncoder(quality: options.thumbnailQuality)
        let side = options.thumbnailSide
        let outputs = Parallel.both {
            Result { () throws(ImageError) in try encodeMain() }
        } _: {
            Result { () throws(ImageError) in try thumbnailEncoder.thumbnail(composite, fitting: side, as: .jpeg) }
        }
        report.timings.encode = outputs.first.milliseconds
        report.timings.thumbnail = outputs.second.milliseconds
        result.image = try reporting { () throws(ImageError) in try outputs.first.value.get() }
        result.thumbnail = try reporting { () throws(ImageError) in try outputs.second.value.get() }
    }

    /// The subject on its background: the opaque picture the thumbnail is made from, the background's name for the
    /// report, and the encoding of the output file (an RGBA cut-out for a transparent background).
    private struct Composition: Sendable {
        let picture: RGBImage
        let background: String
        let encode: @Sendable () throws(ImageError) -> [UInt8]
    }

    /// Composes `image` with `mask` on the background the options ask for (black or white by `brightness` for
    /// `auto`); an opaque background is written over `image`.
    private func composed(image: consuming RGBImage, mask: GrayImage, brightness: Double, encoder: ImageEncoder)
        -> Composition
    {
        let compositor = Compositor()
        let format = options.format
        switch options.background {
        case .transparent:
            let cutout = compositor.cutout(image: image, mask: mask)
            let (width, height) = (image.width, image.height)
            return Composition(
                picture: compositor.flatten(cutout: cutout, width: width, height: height, on: .white),
                background: "transparent",
                encode: { () throws(ImageError) in
                    try encoder.encode(pixels: cutout, width: width, height: height, bands: 4, as: format)
                })
        case .auto, .colour:
            let colour: RGBColour
            if case let .colour(chosen) = options.background {
                colour = chosen
            } else {
                colour = Brightness.background(forBrightness: brightness)
            }
            let composed = compositor.compose(image: consume image, mask: mask, on: colour)
            return Composition(
                picture: composed, background: Background.colour(colour).description,
                encode: { () throws(ImageError) in try encoder.encode(composed, as: format) })
        }
    }

    /// What `body` gives; an image error it throws becomes the report's failure with the error's code.
    private func reporting<Value>(_ body: () throws(ImageError) -> Value) throws(Failure) -> Value {
        do {
            return try body()
        } catch {
            throw Failure(code: error.code, message: error.description)
        }
    }
}
