import AdmitCore
import Foundation
import Hummingbird
import Mustache

/// The server-rendered pages: mustache templates and the candidate pages' words, loaded once at start.
struct Pages: Sendable {
    let library: MustacheLibrary
    let localization: Localization

    static func load() async throws -> Pages {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let strings = Bundle.module.url(forResource: "Strings", withExtension: nil)
        else {
            throw ServerError.missingResources
        }
        return Pages(library: try await MustacheLibrary(directory: templates.path), localization: try Localization(directory: strings))
    }

    /// An HTML page; never cached, since pages carry a CSRF token and sometimes a username.
    func render<Content: PageContent>(_ page: Page<Content>, status: HTTPResponse.Status = .ok) throws -> Response {
        let template = page.content.template
        guard let html = library.render(page, withTemplate: template) else { throw ServerError.missingTemplate(template) }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A staff page: English, with the CSRF token, the signed-in member and, if any, the error above the page and
    /// beside its field (`beside`, when the form calls the field otherwise).
    func staffPage<Content: PageContent>(
        _ content: Content, _ context: AdmitRequestContext, title: String, error: AdmitError? = nil, beside field: String? = nil,
        flash: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var frame = PageFrame(title: title, lang: "en", csrf: context.formToken, flash: flash)
        if let staff = context.staff {
            frame.staff = SignedInMember(username: staff.username, role: staff.role.rawValue, admin: staff.may(.manageStaff, institution: nil))
        }
        if let error { frame.show(localization.pageMessage(error, nil), field: error.field?.rawValue, beside: field ?? error.field?.rawValue) }
        return try render(Page(frame: frame, content: content), status: status)
    }

    /// A redirect after a form post ("303 See Other"), so reloading never posts twice.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

enum ServerError: Error, CustomStringConvertible {
    case missingResources
    case missingTemplate(String)

    var description: String {
        switch self {
        case .missingResources: "the server's pages (Admit_AdmitServer.resources) are missing beside the admit program; reinstall it"
        case .missingTemplate(let name): "the page template \(name) is missing"
        }
    }
}
