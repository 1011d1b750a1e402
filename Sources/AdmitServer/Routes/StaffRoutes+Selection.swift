import AdmitCore
import Foundation
import Hummingbird

/// What the session page's entries form does with the ticked entries: download their credentials, unlock
/// them at once, or ask to withdraw or reset them (each with a confirmation page).
extension StaffRoutes {
    struct SelectionForm: Decodable {
        var action: Action?
        var scope: Scope?
        var batch: String?
        var entries: [String]?
        /// The page's "File" list (`Download.files`); `layout` and `format`, as the API takes them, from a form made by hand.
        var file: String?
        var layout: String?
        var format: String?

        /// The session page's buttons.
        enum Action: String, FormChoice {
            case download, withdraw, reset, unlock
            static let choose = SelectionForm.noAction
        }

        /// Which entries: the ticked ones, the whole session, or the batch `batch` names (just added).
        enum Scope: String, FormChoice {
            case selected, all, batch
            static let choose = "Choose which entries: the selected ones, the whole session or the new batch."
        }

        static let noAction = "Choose what to do with the selected entries."
    }

    @Sendable func actOnSelection(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let form = try await request.form(SelectionForm.self, context: context)
        let ids = try Self.entryIDs(form.entries)
        switch form.action {
        case .download:
            let session = try await session(request, context, member, .download)
            let download: Download
            do {
                download = try Download(file: form.file, format: form.format, layout: form.layout)
            } catch let refusal as AdmitError {
                // A combination the list does not offer (sent by hand): the page again, the message beside the list.
                return try await sessionPageWithError(request, context, member, session, refusal)
            }
            let filter: EntryFilter
            switch form.scope ?? .selected {
            case .all: filter = EntryFilter()
            case .batch:
                guard let batch = form.batch.flatMap(UUID.init(uuidString:)) else {
                    throw HTTPError(.badRequest, message: "Choose the batch to download.")
                }
                filter = EntryFilter(batchID: batch)
            case .selected:
                guard !ids.isEmpty else {
                    return try await sessionPageWithError(
                        request, context, member, session,
                        AdmitError(.invalidInput, .noEntriesSelected(.download)), file: form.file)
                }
                filter = EntryFilter(entryIDs: ids)
            }
            return try await download.response(admissions.acting(as: member.actorName), session: session, filter: filter)
        case .withdraw, .reset:
            let session = try await session(request, context, member, .manage)
            let withdrawing = form.action == .withdraw
            guard !ids.isEmpty else {
                return try await sessionPageWithError(
                    request, context, member, session, AdmitError(.invalidInput, .noEntriesSelected(withdrawing ? .withdraw : .reset)))
            }
            let chosen = Set(ids)
            let entries = try await blocking { [admissions] in try admissions.entries(of: session, filter: EntryFilter(entryIDs: ids)) }
                .filter { chosen.contains($0.guid) }
            let page = SelectionConfirmPage(
                withdrawing: withdrawing, session: SessionRow(session), entries: entries.map { EntryRow($0, checked: true) },
                count: entries.count, noun: entries.count == 1 ? "entry" : "entries", files: FileOption.list(selecting: "slips.xlsx"),
                registered: entries.contains { $0.state == .converted })
            return try pages.staffPage(page, context, title: withdrawing ? "Withdraw entries" : "Reset passwords")
        case .unlock:
            let session = try await session(request, context, member, .manage)
            guard !ids.isEmpty else {
                return try await sessionPageWithError(request, context, member, session, AdmitError(.invalidInput, .noEntriesSelected(.unlock)))
            }
            let acting = admissions.acting(as: member.actorName)
            let outcome = try await blocking { try acting.unlock(session: session, entries: ids) }
            try context.updateWebSession {
                $0.flash =
                    "Unlocked \(Self.count(outcome.unlocked.count, "entry", "entries")); they can sign in again at once."
                    + (outcome.notLocked.isEmpty ? "" : " \(Self.count(outcome.notLocked.count, "was", "were")) not locked.")
            }
            return Pages.redirect("/staff/sessions/\(session.id.lowercased)")
        case nil:
            throw HTTPError(.badRequest, message: SelectionForm.noAction)
        }
    }

    struct ConfirmForm: Decodable {
        var entries: [String]?
        /// The confirmation page's button; without it, nothing is done.
        var confirm: Confirmation?
        var file: String?

        enum Confirmation: String, FormChoice {
            case yes
            static let choose = "Confirm with the page’s “Yes” button, or cancel."
        }
    }

    @Sendable func withdraw(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .manage)
        let form = try await request.form(ConfirmForm.self, context: context)
        guard form.confirm == .yes else { return Pages.redirect("/staff/sessions/\(session.id.lowercased)") }
        let ids = try Self.entryIDs(form.entries)
        let acting = admissions.acting(as: member.actorName)
        let outcome = try await blocking { try acting.withdraw(session: session, entries: ids) }
        try context.updateWebSession {
            $0.flash =
                "Withdrew \(Self.count(outcome.withdrawn.count, "entry", "entries")); they can no longer sign in."
                + (outcome.alreadyWithdrawn.isEmpty ? "" : " \(Self.count(outcome.alreadyWithdrawn.count, "was", "were")) already withdrawn.")
        }
        return Pages.redirect("/staff/sessions/\(session.id.lowercased)")
    }

    /// Gives the confirmed entries new temporary passwords and answers with their new slips (or roster) to hand
    /// out: the old passwords stop working at once, and nobody else ever sees the new ones.
    @Sendable func reset(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .manage)
        let form = try await request.form(ConfirmForm.self, context: context)
        guard form.confirm == .yes else { return Pages.redirect("/staff/sessions/\(session.id.lowercased)") }
        // The new passwords exist only in this file: who may not download credentials may not reset either.
        try admissions.authorize(member, .download, session: session)
        let ids = try Self.entryIDs(form.entries)
        let download: Download
        do {
            download = try Download(file: form.file ?? "slips.xlsx", format: nil, layout: nil)
        } catch let refusal as AdmitError {
            return try await sessionPageWithError(request, context, member, session, refusal)
        }
        let acting = admissions.acting(as: member.actorName)
        do {
            return try await download.response(session: session) { requests in
                try acting.reset(session: session, entries: ids, files: requests).entries.count
            }
        } catch let refusal as AdmitError where [.invalidInput, .conflict, .closed, .notFound].contains(refusal.kind) {
            return try await sessionPageWithError(request, context, member, session, refusal)
        }
    }

    /// "1 entry", "2 entries".
    static func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
}
