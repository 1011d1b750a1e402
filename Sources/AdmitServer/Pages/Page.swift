import Mustache

/// A page as its template reads it: the page's own view model inside the frame every page shares. A name is
/// looked up in the page's model first, then in the frame, so the templates read both as one object.
struct Page<Content>: MustacheParent {
    var frame: PageFrame
    var content: Content

    func child(named name: String) -> Any? {
        Self.property(name, of: content) ?? Self.property(name, of: frame)
    }

    /// A stored property by name, unwrapped: a nil optional is no value, as swift-mustache reads a struct.
    private static func property(_ name: String, of object: Any) -> Any? {
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
        let optional = Mirror(reflecting: value)
        return optional.displayStyle == .optional ? optional.children.first?.value : value
    }
}

/// What the head and foot of every page show besides the page's own words.
struct PageFrame {
    /// The window's title; the candidate pages' default is their sign-in title.
    var title: String?
    /// `en` on staff pages, the candidate's language on theirs; none on a staff error page.
    var lang: String?
    /// The CSRF token the page's forms carry.
    var csrf = ""
    /// The candidate pages' words (`Strings/LANG.json`); staff pages' words are in their templates.
    var t: [String: String]?
    /// The signed-in staff member, for the staff navigation.
    var staff: SignedInMember?
    var hasLanguages = false
    /// The candidate pages' switch to the other languages.
    var languages: [LanguageLink] = []
    /// The error summary above the page.
    var error: ErrorSummary?
    /// Each field's message beside it (`fieldErrors.givenName`).
    var fieldErrors: [String: String] = [:]
    /// What the last action did, shown once.
    var flash: String?
    /// `<meta http-equiv="refresh">`: seconds and where to.
    var refresh: String?
}

struct SignedInMember {
    var username: String
    var role: String
    var admin: Bool
}

struct LanguageLink {
    var code: String
    var name: String
    var href: String
}

/// The error summary: its sentence, linked to the field it is about.
struct ErrorSummary {
    var message: String
    var field: String?
}

/// A page's view model, and the template that draws it.
protocol PageContent {
    var template: String { get }
}

extension PageFrame {
    /// The error summary's sentence, linked to `field`, and the same sentence beside the field `beside`.
    mutating func show(_ message: String, field: String?, beside: String?) {
        error = ErrorSummary(message: message, field: field)
        if let beside { fieldErrors[beside] = message }
    }
}
