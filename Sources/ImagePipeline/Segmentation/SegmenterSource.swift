/// Gives the pipeline a segmenter for a model name.
public protocol SegmenterSource: Sendable {
    /// The segmenter for the registry model `name`; throws `missingFile` when its file is absent.
    func segmenter(for name: String) throws(ModelError) -> Segmenter
}
