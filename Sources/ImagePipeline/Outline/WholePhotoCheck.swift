/// Which of the book-outline step's whole-photo checks found that the book fills the photo, so that the whole photo
/// was kept; its raw values are the words reports and job records use.
public enum WholePhotoCheck: String, Sendable, Codable, Equatable, CaseIterable {
    /// ``FullFrameCheck``: the model kept what is printed on a book or page whose paper runs on to the photo's edges.
    case fullFrame = "full_frame"
    /// ``RunsOffFrameCheck``: a page the model kept out to three of the photo's edges but not past the fourth.
    case runsOffFrame = "runs_off_frame"
    /// ``PrintedPageCheck``: the model kept a picture printed on a page that fills the photo.
    case printedPage = "printed_page"
}
