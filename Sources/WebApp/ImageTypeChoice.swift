import Domain

/// One option of a page's image-type menu: "Not set" first, then every ``ImageType`` in words.
struct ImageTypeChoice {
    let value: String
    let label: String
    let selected: Bool

    /// The whole menu with `selected` chosen.
    static func all(selected: ImageType?) -> [ImageTypeChoice] {
        [ImageTypeChoice(value: "", label: "Not set", selected: selected == nil)]
            + ImageType.allCases.map { type in
                ImageTypeChoice(
                    value: type.rawValue, label: type.rawValue.replacingOccurrences(of: "_", with: " "), selected: type == selected)
            }
    }
}
