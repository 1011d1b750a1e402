import AdmitCore
import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail: who created, exported or withdrew which entries, and when.")

    @Argument(help: "Only this session (its id or exact name); all events when left out.") var session: String?
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let events = try admissions.auditEvents(session: try session.map { try admissions.session($0) })
        if options.json { return try Console.json(events) }
        Console.table(
            ["TIME", "ACTOR", "ACTION", "SESSION", "DETAIL"],
            events.map { event in
                [Console.date(event.at), event.actor, event.action.rawValue, event.sessionID?.lowercased ?? "-", Self.describe(event.detail)]
            })
    }

    static func describe(_ detail: AuditEvent.Detail) -> String {
        var parts: [String] = []
        if let name = detail.name { parts.append(name) }
        if let count = detail.count { parts.append(counted(count, "entry", "entries")) }
        if let numbers = detail.numbers { parts.append("#\(numbers)") }
        if let batch = detail.batch { parts.append("batch \(batch.lowercased)") }
        if let filter = detail.filter { parts.append(filter) }
        if let files = detail.files, !files.isEmpty { parts.append("→ " + files.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
