import AdmitCrypto
import Foundation

extension AdmitError.Reason {
    /// Core's English: one plain sentence, without its capital and full stop, naming no CLI flag and no form field.
    public var sentence: String {
        switch self {
        // First login
        case .signInInvalid: "invalid institution ID, username or password"
        case .alreadyRegistered: "this login was already registered — sign in with your personal username"
        case .loginExpired: "this login has expired — ask your exam coordinator"
        case .signInTimedOut: "your sign-in has timed out — sign in again with the login on your slip"
        case .signInStepExpired: "your sign-in timed out; sign in again with your slip"
        case .namesNeeded: "give your given name and family name to register"
        case .nameMissing(let part): "the \(part.label) is missing"
        case .nameTooLong(let part, let maximum): "the \(part.label) is longer than \(maximum) characters"
        case .nameHasControlCharacter(let part): "the \(part.label) contains a control character"
        case .birthDateNotADate(let text): "the date of birth \"\(text)\" is not a real date; write it as 2008-05-31"
        case .birthDateImplausible(let text): "the date of birth \(text) cannot be right"
        case .emailImplausible(let text): "\"\(text)\" does not look like an e-mail address"
        case .candidateNumberForm(let maximum): "a candidate number is up to \(maximum) letters, digits, - and /"
        case .detailRequired(let field): "this session asks for your \(field.label); please give it"

        // Passwords
        case .passwordLength(let holder, let minimum, let maximum): "\(holder.subject) must be \(minimum) to \(maximum) characters long"
        case .passwordSameAsSlip: "the new password must differ from the password on your slip"
        case .passwordContainsUsername(let holder): "\(holder.subject) must not contain \(holder == .staff ? "the" : "your") username"
        case .passwordContainsName: "the new password must not contain your name"
        case .passwordCommon: "that password is one of the most common ones; choose another"
        case .passwordsDiffer(.candidate): "the two new passwords differ; type the same password twice"
        case .passwordsDiffer(.staff): "the two passwords differ; type the same one twice"
        case .commonPasswordsMissing: "the list of common passwords (Admit_AdmitCore.resources) is missing beside the admit program; reinstall it"

        // Staff
        case .staffSignInInvalid: "invalid username or password"
        case .tokenInvalid: "the bearer token is not valid; make a new one"
        case .staffMemberExists(let name): "there is already a staff member named \"\(name)\""
        case .noStaffMember(let name): "there is no staff member named \"\(name)\"; the staff list shows who there is"
        case .staffMemberDisabled(let name): "the staff member \"\(name)\" is disabled"
        case .staffUsernameForm(let text): "a staff username is 2 to 64 letters, digits, '.', '_' and '-' (got \"\(text)\")"
        case .adminHasNoInstitution: "an admin works for every institution, so none is named"
        case .roleNeedsInstitution(let role): "\(role.withArticle) works for one institution; name it"
        case .noRoleChosen: "choose a role: admin, coordinator or invigilator"
        case .lastAdmin(let name, .disabled): "\(name) is the last admin and cannot be disabled; make another member an admin first"
        case .lastAdmin(let name, .madeRole(let role)):
            "\(name) is the last admin and cannot be made \(role.withArticle); make another member an admin first"
        case .roleMayNot(let role, let institution, let permission, let scope):
            "your role (\(role.rawValue)\(institution.map { " of \($0)" } ?? "")) may not \(Self.action(permission, scope))"
        case .noVisibleSession: "there is no such session, or it is not one you may see"

        // Institutions and sessions
        case .institutionCodeForm(let text): "an institution ID is 2 to 16 letters and digits, like GB042 (got \"\(text)\")"
        case .institutionExists(let code): "institution \(code) already exists"
        case .institutionNotFound(let code): "there is no institution \(code); add it first"
        case .nameForm(let thing, let maximum):
            "\(thing == .institution ? "an institution" : "a session") name must be 1 to \(maximum) characters without control characters"
        case .sessionNotFound(let reference): "there is no session with the id or name \"\(reference)\""
        case .sessionNameAmbiguous(let reference, let ids):
            "\(ids.count) sessions are named \"\(reference)\"; name one by its id (\(ids.joined(separator: ", ")))"
        case .sessionNameTaken(let name, let institution):
            "the institution \(institution) already has a session named \"\(name)\"; choose another name"
        case .sessionGone(let name): "the session \"\(name)\" no longer exists"
        case .noSessionChange: "name a setting of the session to change"
        case .endsBeforeStart(let changing): "a session must end after it starts\(changing ? "; nothing was changed" : "")"
        case .endInPast(let unused):
            "that end is in the past, so the session's \(counted(unused, "unused login", "unused logins")) would stop working at once; force the change to end it anyway"
        case .notADate(let text): "\"\(text)\" is not a date; write it as 2026-12-01 or 2026-12-01T09:00"
        case .timeWithoutDay: "give the day as well as the time"
        case .notASignInAddress(let text): "\"\(text)\" is not a sign-in address; give one like https://exams.example.org/"
        case .notAUsernameToken(let token, let tokens): "\(token) is not a username token; use \(tokens.joined(separator: ", "))"
        case .usernameTemplateForm(let tokens):
            "a username template holds tokens (\(tokens.joined(separator: ", "))) and only a-z, 0-9, '.', '-' or '_' besides"
        case .notADetail(let name, let choices): "\"\(name)\" is not a detail a session can require; choose from \(choices.joined(separator: ", "))"

        // Batches and entries
        case .batchSize(let size, let maximum): "a batch holds 1 to \(maximum) entries; \(size) is outside that range"
        case .countNotANumber(let text, let maximum): "the count must be a whole number from 1 to \(maximum) (got \"\(text)\")"
        case .requestKeyForm(let maximum): "a request key is 1 to \(maximum) characters on one line"
        case .requestKeyUsed(let key, let size):
            "the request key \"\(key)\" was already used for a batch of \(size) entries in another request; use a new key for a new batch"
        case .usernameLength(let length, let minimum, let maximum): "a username length must be from \(minimum) to \(maximum) (got \(length))"
        case .generatedPasswordLength(let length, let minimum, let maximum): "a password length must be from \(minimum) to \(maximum) (got \(length))"
        case .temporaryPasswordTooLong(let length, let maximum):
            "a temporary password may be at most \(maximum) characters, so that it prints whole on a slip (this one has \(length))"
        case .groupNameForm(let maximum): "a group name is 1 to \(maximum) characters on one line"
        case .noSuchGroup(let group, let session, let groups):
            "the session \"\(session)\" has no group \"\(group)\"; \(groups.isEmpty ? "it has none" : "it has: " + groups.joined(separator: ", "))"
        case .sessionEnded(let name): "the session \"\(name)\" has ended, so it takes no new entries"
        case .sessionEndedForReset(let name): "the session \"\(name)\" has ended, so a new password would not work; move the session's end first"
        case .noEntriesNamed(.any): "name at least one entry: its GUID, its number (#12) or its username"
        case .noEntriesNamed(.withdraw): "name at least one entry GUID to withdraw"
        case .noEntriesNamed(let action): "name at least one entry to \(action.rawValue)"
        case .noEntriesSelected(.download): "select entries to download, or choose the whole session"
        case .noEntriesSelected(let action): "select the entries to \(action.rawValue)"
        case .notAnEntryGUID(let text): "\"\(text)\" is not an entry GUID"
        case .entryNameAmbiguous(let name, let session, let entries):
            "\"\(name)\" names \(entries.count) entries of the session \"\(session)\", \(entries.map { "#\($0.number) (\($0.detail))" }.joined(separator: " and ")); name one as #number or by its GUID"
        case .entryNamesUnknown(let names, let session):
            "\(names.count == 1 ? "this entry is" : "\(names.count) entries are") not in the session \"\(session)\": \(Self.list(names, quoted: true, upTo: 5)); name entries by GUID, number (#12) or username, as the entries list shows them"
        case .entriesNotInSession(let ids, let session):
            "\(ids.count == 1 ? "this entry is" : "\(ids.count) entries are") not in the session \"\(session)\": \(Self.list(ids, quoted: false, upTo: 3))"
        case .noEntriesMatch(let session, let filter):
            "no entries of the session \"\(session)\" match\(filter.map { " (\($0))" } ?? ""); nothing was written"
        case .nothingToReprint(let session, let entries, let allWithdrawn):
            "\(Self.noPasswordToPrint(session, entries)); \(allWithdrawn ? "a withdrawn entry has no login to print" : "give a registered or expired entry a new password by resetting it")"
        case .withdrawnCannotBeReset(let session, let numbers):
            "\(numbers.count == 1 ? "entry" : "entries") \(numbers.map { "#\($0)" }.joined(separator: ", ")) of the session \"\(session)\" \(numbers.count == 1 ? "is" : "are") withdrawn and cannot be reset; nothing was changed"
        case .withdrawnDuringReset(let number): "entry #\(number) was withdrawn while it was being reset; nothing was changed"
        case .changedDuringWithdrawal(let number): "entry #\(number) changed while it was being withdrawn; try again"
        case .searchTooShort(let minimum): "give at least \(minimum) characters to search for"

        // Credential files and downloads
        case .noExportFile: "name a file to export to"
        case .sameFileTwice: "two outputs name the same file"
        case .outputIsFolder(let path): "\(path) is a folder; name a file to write the credentials to"
        case .outputExists(let path): "\(path) already exists; choose another name, or ask to replace it"
        case .cannotWrite(let names, let problem):
            "cannot write \(names.isEmpty ? "a file" : names.joined(separator: " and ")): \(problem.sentence)"
        case .filesNotPlaced(let error, let saved): "\(error.description); \(saved.sentence)"
        case .sheetUnwritten(let cause, let saved): "\(saved.done), but the sheet could not be written (\(cause)); \(saved.again)"
        case .notALayout(let name): "\"\(name)\" is not a layout; choose roster, slips, or roster,slips"
        case .layoutTwice: "name each layout once: roster, slips, or roster,slips"
        case .notAPaperSize(let text): "\"\(text)\" is not a paper size; choose a4 or letter"
        case .credentialTooLongToPrint(let length): "a credential of \(length) characters cannot print whole on a slip"
        case .notADownloadFormat(let text): "\"\(text)\" is not a download format; choose xlsx or csv"
        case .notADownloadLayout(let text): "\"\(text)\" is not a layout; choose roster, slips or both"
        case .slipsNotInCSV(false): "a CSV holds the roster only; choose the workbook for slips"
        case .slipsNotInCSV(true): "a CSV holds the roster only; for slips choose one of the Excel files"
        case .notADownloadFile(let text): "“\(text)” is not one of the files to download; choose one from the list"
        case .notADownloadChoice: "that format and layout are not one of the files to download; choose one from the list"
        case .noTemporaryFolder: "cannot make a temporary folder for the download"

        // Rosters and imports
        case .mapping(let problem, let header): problem.sentence(header: header)
        case .notAColumnChoice(let spec):
            "a column choice is COLUMN=HEADING, where COLUMN is one of: \(RosterColumn.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(spec)\")"
        case .noCandidateRows: "the file has a heading row but no candidates under it; nothing was imported"
        case .importTooLarge:
            "the file is too large to import: its rows hold more than 8 MiB of text, even with the cells of columns Admit does not use cut to 1,000 characters; split it into smaller files"
        case .defaultPasswordRefused(let reason): "the default password does not pass the password policy: \(reason.sentence)"
        case .importStopped(let done, let total, let job, let reason):
            "the import stopped after \(done) of \(counted(total, "row", "rows")) (job \(job) failed): \(reason.sentence)"
        case .importJobNotFound(let text): "there is no import job \"\(text)\""
        case .importJobAmbiguous(let text, let count): "\"\(text)\" names \(count) import jobs; give more of the id"
        case .noVisibleImportJob(let text): "there is no import job \"\(text)\""
        case .noRoster: "choose a roster file (CSV or XLSX) to upload, or paste its rows"
        case .rosterAndPastedRows: "choose a file or paste rows, not both: clear the box of pasted rows"
        case .rosterUnreadable(let name, let cause): "\(name) cannot be read: \(cause)"
        case .pastedRowsUnreadable(let cause): "the pasted rows cannot be read: \(cause)"
        case .pastedRowWidth(let row, let cells, let first):
            "the pasted row \(row) has \(cells) cells but the first has \(first); copy a block of whole rows from the spreadsheet"
        case .notAnEncoding(let name): "“\(name)” is not an encoding Admit reads; choose one from the list"
        case .uploadUnreadable: "the upload could not be read; choose the file again and send it"
        case .checkedRosterGone: "that file is no longer kept (15 minutes have passed, or it was checked already); upload it again"
        case .checkedRosterUnopenable: "the checked roster cannot be opened with this data key; upload it again"
        case .importCheckGone: "that check has expired or was already imported; upload the file again"
        case .importRecordedNoJob: "the import recorded no job"
        case .notAnImportFile: "choose uploaded, completed or errors"
        case .noSuchTemplate: "there is no such template; choose xlsx or csv"

        // Keys and secrets
        case .wrongDataKey(let keyFile):
            "\(keyFile.map { "the key file \($0)" } ?? "ADMIT_DATA_KEY") is not the data key this database's secrets are sealed under; use the key it was made with"
        case .environmentKeyInvalid(let error): "ADMIT_DATA_KEY does not hold a data key: \(error.description)"
        case .keyFileLost(let path):
            "the data key file \(path) is missing, and the database holds passwords sealed under it; restore the file or set ADMIT_DATA_KEY"
        case .keyFileMissing(let path):
            "the data key file \(path) does not exist; copy the installation's key file there, or make a new one for a new database"
        case .passwordUnopenable(let number, let error): "the password of entry #\(number) cannot be opened: \(error.description)"
        case .cryptography(let error): error.description

        // The store
        case .storeBusy: "the database stayed busy with other changes; try again"
        case .sameValueAtOnce(let constraint): "another change made the same \(constraint.subject) at the same moment; try again"
        case .storeUnavailable: "the database cannot be reached just now; try again, and tell the operator if it goes on"
        case .storeRefused: "the database refused the change, so nothing was changed; tell the operator if it goes on"
        case .unexpected: "something unexpected went wrong; nothing more was changed"
        case .cannotOpen(let database, let cause): "cannot open \(database): \(cause)"
        case .cannotConnect(let database, let cause): "cannot connect to \(database): \(cause)"
        case .databaseUnusable(let database, let cause): "\(database) cannot be used: \(cause)"
        case .databaseMissing(let database, let address, let create):
            "there is no \(database) (\(address)); check the database address, or create it first (\(create))"
        case .databaseNewer(let database, let latest):
            "\(database) was made by a newer version of Admit; use that version (this one knows schema up to \(latest))"
        case .folderNotCreatable(let path): "cannot create the folder \(path) for the database"
        case .tooFewConnections(let count): "the store needs at least 1 connection, not \(count)"
        case .unknownAuditAction(let name): "the audit trail holds an action this version does not know (\(name))"
        case .copySchemaMismatch(let from, let schema, let to):
            "the database to copy is at schema \(from) and \(schema) is \(to); copy with the version of Admit that made it"
        case .copyUnknownTable(let table): "the database to copy has a table \(table) that an Admit installation does not have"
        case .copyUnknownColumn(let table, let column, let schema):
            "the database to copy has a column \(table).\(column) that \(schema) does not have"
        case .copyRefused(let database, let cause): "\(database) refused the copy, so nothing was copied: \(cause)"
        case .copyTargetNotEmpty(let database, let held):
            "\(database) already holds an installation (\(held.joined(separator: ", "))); copy into an empty database"
        case .copyTargetHoldsRecords(let database, let rows, let table):
            "\(database) already holds records (\(rows) in \(table)); copy into an empty database"

        // The server
        case .cannotListen(let address, let problem): "cannot listen on \(address): \(problem.sentence)"
        }
    }

    /// "entries #3 (converted), #4 (expired) of the session "June Maths" have no password to print again".
    public static func noPasswordToPrint(_ session: String, _ entries: [EntryMention]) -> String {
        "\(entries.count == 1 ? "entry" : "entries") \(entries.map { "#\($0.number) (\($0.detail))" }.joined(separator: ", ")) of the session \"\(session)\" \(entries.count == 1 ? "has" : "have") no password to print again"
    }

    private static func action(_ permission: StaffPermission, _ scope: AccessScope) -> String {
        let subject: String? =
            switch scope {
            case .sessions: nil
            case .thisSession: "this session"
            case .sessionsOf(let code): "the sessions of \(code)"
            }
        return switch permission {
        case .view: "see \(subject ?? "sessions")"
        case .download: "download the credentials of \(subject ?? "sessions")"
        case .readReport: "read the report of \(subject ?? "sessions")"
        case .manage: subject.map { "change \($0)" } ?? "create sessions"
        case .manageStaff: "manage staff accounts"
        }
    }

    /// The first `upTo` items, then "…".
    private static func list(_ items: [String], quoted: Bool, upTo limit: Int) -> String {
        items.prefix(limit).map { quoted ? "\"\($0)\"" : $0 }.joined(separator: ", ") + (items.count > limit ? ", …" : "")
    }
}

extension PasswordHolder {
    /// How a rule names the password it is about.
    var subject: String { self == .staff ? "a staff password" : "the new password" }
}

extension StaffRole {
    /// "a coordinator", "an invigilator".
    var withArticle: String { "\(self == .invigilator || self == .admin ? "an" : "a") \(rawValue)" }
}

extension WriteProblem {
    var sentence: String {
        switch self {
        case .diskFull: "the disk is full; free some space and try again"
        case .readOnly: "the disk is read-only"
        case .noPermission: "permission denied"
        }
    }
}

extension SavedAnyway {
    /// What is done although the files failed.
    public var done: String {
        switch self {
        case .entriesSaved: "the entries are saved"
        case .entriesReset(_, let numbers): numbers.count == 1 ? "the entry was reset" : "the \(numbers.count) entries were reset"
        }
    }

    /// How to get the files after all.
    public var again: String {
        switch self {
        case .entriesSaved: "export them again"
        case .entriesReset: "print their sheet again"
        }
    }

    var sentence: String {
        switch self {
        case .entriesSaved: "\(done), export them again"
        case .entriesReset: "\(done); \(again)"
        }
    }
}

extension ListenProblem {
    var sentence: String {
        switch self {
        case .inUse: "another program already listens there; choose another port or stop that program"
        case .notAllowed: "this user may not use that port; choose one above 1023"
        case .noSuchAddress: "this machine has no such address; use 127.0.0.1 or one of its own"
        case .other(let code): String(cString: strerror(code))
        }
    }
}

extension RosterMapping.Problem {
    /// Core's words for a mapping problem: the file's headings listed, and what would help.
    func sentence(header: [String]) -> String {
        switch self {
        case .unknownHeading(let column, let heading):
            "the heading \"\(heading)\" chosen for \(column.rawValue) is not in the file; it has: \(RosterMapping.list(header))"
        case .ambiguous(let column, let headings):
            "the headings \(headings.map { "\"\($0)\"" }.joined(separator: " and ")) both read as \(column.rawValue); rename one, or choose the one to use"
        case .sharedHeading(let columns, let heading):
            "\(columns.map(\.rawValue).joined(separator: " and ")) cannot both be read from the heading \"\(heading)\"; map each to a column of its own"
        case .missing(let missing):
            "the file has no column for \(missing.map(\.rawValue).joined(separator: ", ")); it has: \(RosterMapping.list(header)). Rename its headings to the template's, or choose the file's column for \(missing[0].rawValue)"
        }
    }
}
