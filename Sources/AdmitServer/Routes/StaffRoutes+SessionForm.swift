import AdmitCore
import Foundation
import Hummingbird

/// The session form, shared by "New session" and "Edit session": names, days with an optional time of day,
/// the sign-in address printed on slips, the username template and the details candidates must give.
struct SessionForm: Decodable {
    var institution: String?
    var name: String?
    var startsOn: String?
    var startsTime: String?
    var endsOn: String?
    var endsTime: String?
    var signInURL: String?
    var usernameTemplate: String?
    var requireBirthDate: String?
    var requireEmail: String?
    var requireCandidate: String?
    /// Ends the session in the past although it has unused logins.
    var force: String?

    /// The form filled in with a session's settings, times in the server's zone.
    init(_ session: TestSession) {
        name = session.name
        (startsOn, startsTime) = Self.dayAndTime(session.startsAt, as: .start)
        (endsOn, endsTime) = Self.dayAndTime(session.endsAt, as: .end)
        signInURL = session.signInURL
        usernameTemplate = session.usernameTemplate.description
        requireBirthDate = session.requiredDetails.contains(.birthDate) ? "on" : nil
        requireEmail = session.requiredDetails.contains(.email) ? "on" : nil
        requireCandidate = session.requiredDetails.contains(.candidate) ? "on" : nil
    }

    init() {}

    var startsAt: Date? { get throws { try Self.date(startsOn, startsTime, as: .start, field: .startsOn) } }
    var endsAt: Date? { get throws { try Self.date(endsOn, endsTime, as: .end, field: .endsOn) } }

    var requiredDetails: Set<DetailField> {
        var required = Set<DetailField>()
        if requireBirthDate != nil { required.insert(.birthDate) }
        if requireEmail != nil { required.insert(.email) }
        if requireCandidate != nil { required.insert(.candidate) }
        return required
    }

    var template: UsernameTemplate {
        get throws {
            let text = (usernameTemplate ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return .standard }
            do { return try UsernameTemplate(text) } catch let refusal as AdmitError { throw refusal.about(.usernameTemplate) }
        }
    }

    var address: String? {
        let text = (signInURL ?? "").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// What differs from `session`: a blank day or address leaves the session's as it is.
    func changes(from session: TestSession) throws -> SessionChanges {
        let (starts, ends, template) = (try startsAt, try endsAt, try template)
        return SessionChanges(
            name: name.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0 == session.name ? nil : $0 },
            startsAt: starts == session.startsAt ? nil : starts, endsAt: ends == session.endsAt ? nil : ends,
            usernameTemplate: template == session.usernameTemplate ? nil : template,
            requiredDetails: requiredDetails == session.requiredDetails ? nil : requiredDetails,
            signInURL: address == session.signInURL ? nil : address, force: force != nil)
    }

    /// The form's field a refusal is about: Core's names for a session's settings are the form's, except the days.
    static func field(of refusal: AdmitError) -> String? {
        refusal.field.map { ["starts": "startsOn", "ends": "endsOn"][$0.rawValue] ?? $0.rawValue }
    }

    private static func date(_ day: String?, _ time: String?, as edge: SessionDate.Edge, field: AdmitField) throws -> Date? {
        let day = (day ?? "").trimmingCharacters(in: .whitespaces)
        let time = (time ?? "").trimmingCharacters(in: .whitespaces)
        guard !day.isEmpty else {
            if time.isEmpty { return nil }
            throw AdmitError(.invalidInput, .timeWithoutDay, field: field)
        }
        do {
            return try SessionDate.parse(time.isEmpty ? day : "\(day)T\(time)", as: edge)
        } catch let refusal as AdmitError {
            throw refusal.about(field)
        }
    }

    /// A day and a time of day as the form's date and time inputs take them; no time when it is the day's edge.
    private static func dayAndTime(_ date: Date?, as edge: SessionDate.Edge) -> (String?, String?) {
        guard let date else { return (nil, nil) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let wholeDay =
            edge == .start ? (parts.hour, parts.minute, parts.second) == (0, 0, 0) : (parts.hour, parts.minute, parts.second) == (23, 59, 59)
        return (day, wholeDay ? nil : String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0))
    }
}
