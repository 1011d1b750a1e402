/// A personal username as the candidate pages print it. The candidate copies it by hand, so it never breaks
/// inside a word: it is cut into parts that each end after a "." or "-", each part is kept whole (a span that
/// does not wrap) and a line may break only between parts (`<wbr>`, which adds no character). The mustache
/// template cannot cut a value (it escapes it whole), so the parts are made here.
struct UsernameDisplay {
    /// Up to this many characters a username stays on one line; a longer one breaks after a "." or "-".
    static let oneLine = 20
    /// The stylesheet's sizes: `.fit-N` makes N characters of the monospace font fill the box.
    static let fits = [16, 18, 20, 24, 28, 32, 40]

    /// The template's `parts`: `jose.nunez-obrien` → `jose.`, `nunez-`, `obrien`.
    var parts: [String]
    /// The size class: small enough that the longest part, and a username of up to `oneLine` characters as a
    /// whole, fit the box on any phone.
    var fit: String

    init(_ username: String) {
        parts = Self.parts(username)
        let needed = max(parts.map(\.count).max() ?? 0, min(username.count, Self.oneLine))
        // Longer than the largest size (no template makes one): the box scrolls rather than break it.
        fit = "fit-\(Self.fits.first { $0 >= needed } ?? Self.fits[Self.fits.count - 1])"
    }

    static func parts(_ username: String) -> [String] {
        var parts: [String] = []
        var part = ""
        for character in username {
            part.append(character)
            if character == "." || character == "-" {
                parts.append(part)
                part = ""
            }
        }
        if !part.isEmpty { parts.append(part) }
        return parts
    }
}
