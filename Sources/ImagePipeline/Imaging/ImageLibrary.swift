/// The image library (libvips) the pipeline decodes and encodes photos with.
public enum ImageLibrary {
    /// Starts it, once per process: loading its modules takes a few hundred milliseconds, which a service pays at
    /// start-up rather than in its first photo; later calls return at once.
    public static func start() throws(ImageError) {
        try VipsHandle.start()
    }
}
