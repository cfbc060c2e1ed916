import CVipsShim
import Dispatch

extension ImageDecoder {
    /// The photo decoded as ``restartBands`` bands cut at its restart markers (``JPEGRestartParts``), all at once,
    /// each band's rows put in their upright place as they are computed; nil when the photo cannot be cut or any
    /// band fails to decode, so that the whole-picture decode takes it and reports what is wrong.
    func decodeInRestartBands(_ data: [UInt8], header: ImageHeader) -> RGBImage? {
        guard let bands = JPEGRestartParts(data, count: restartBands) else { return nil }
        let orientation = ExifOrientation(value: header.orientation)
        let (width, height) = (header.width, header.height)
        let count = width * height * 3
        var decoded = false
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            nonisolated(unsafe) let destination = buffer.baseAddress
            let succeeded = UnsafeMutableBufferPointer<Bool>.allocate(capacity: bands.parts.count)
            defer { succeeded.deallocate() }
            nonisolated(unsafe) let results = succeeded
            DispatchQueue.concurrentPerform(iterations: bands.parts.count) { index in
                results[index] = Self.decode(
                    bands.parts[index], width: width, height: height, orientation: orientation,
                    into: destination, capacity: count)
            }
            decoded = succeeded.allSatisfy { $0 }
            initialised = decoded ? count : 0
        }
        guard decoded else {
            _ = VipsHandle.takeError()
            return nil
        }
        return orientation.upright(storedWidth: width, storedHeight: height, pixels: pixels)
    }

    /// Decodes one band and writes its kept rows into the whole picture; whether it worked.
    private static func decode(
        _ band: JPEGRestartParts.Part, width: Int, height: Int, orientation: ExifOrientation,
        into destination: UnsafeMutablePointer<UInt8>?, capacity: Int
    ) -> Bool {
        var loaded: OpaquePointer?
        let status = band.data.withUnsafeBytes { raw in bp_vips_decode(raw.baseAddress, raw.count, &loaded) }
        guard status == 0, let loaded, let stored = try? VipsHandle(loaded).srgb8() else { return false }
        guard stored.width == width, stored.bands == 3, stored.height >= band.keptRows.upperBound else { return false }
        return bp_vips_copy_rows(
            stored.pointer, Int32(height), Int32(band.firstRow), Int32(band.keptRows.lowerBound),
            Int32(band.keptRows.upperBound), orientation.tag, destination, capacity) == 0
    }
}
