import AdmitCrypto

extension AdmitError {
    /// What was refused, with what the refusal names (a row, a name, a limit) as values. Core's English for it is
    /// `sentence`; the CLI, the pages and the API may say it in their own words and language.
    public enum Reason: Equatable, Sendable {
        // MARK: First login (what a candidate meets)
        /// Wrong password, unknown username, withdrawn or locked entry: one answer for all.
        case signInInvalid
        case alreadyRegistered
        case loginExpired
        /// The time between signing in and registering ran out, or the grant was never made.
        case signInTimedOut
        /// A page's sign-in step was left open too long (the browser's own record of it ran out).
        case signInStepExpired
        case namesNeeded
        case nameMissing(NamePart)
        case nameTooLong(NamePart, maximum: Int)
        case nameHasControlCharacter(NamePart)
        case birthDateNotADate(String)
        case birthDateImplausible(String)
        case emailImplausible(String)
        case candidateNumberForm(maximum: Int)
        case detailRequired(DetailField)

        // MARK: Passwords (a candidate's, or a staff member's)
        case passwordLength(PasswordHolder, minimum: Int, maximum: Int)
        case passwordSameAsSlip
        case passwordContainsUsername(PasswordHolder)
        case passwordContainsName
        case passwordCommon
        case passwordsDiffer(PasswordHolder)
        case commonPasswordsMissing

        // MARK: Staff
        case staffSignInInvalid
        case tokenInvalid
        case staffMemberExists(String)
        case noStaffMember(String)
        case staffMemberDisabled(String)
        case staffUsernameForm(String)
        case adminHasNoInstitution
        case roleNeedsInstitution(StaffRole)
        case noRoleChosen
        case lastAdmin(String, AdminLoss)
        case roleMayNot(StaffRole, institution: String?, StaffPermission, AccessScope)
        case noVisibleSession

        // MARK: Institutions and sessions
        case institutionCodeForm(String)
        case institutionExists(String)
        case institutionNotFound(String)
        case nameForm(NamedThing, maximum: Int)
        case sessionNotFound(String)
        case sessionNameAmbiguous(String, ids: [String])
        case sessionNameTaken(String, institution: String)
        case sessionGone(String)
        case noSessionChange
        case endsBeforeStart(changing: Bool)
        case endInPast(unusedLogins: Int)
        case notADate(String)
        case timeWithoutDay
        case notASignInAddress(String)
        case notAUsernameToken(String, tokens: [String])
        case usernameTemplateForm(tokens: [String])
        case notADetail(String, choices: [String])

        // MARK: Batches and entries
        case batchSize(Int, maximum: Int)
        case countNotANumber(String, maximum: Int)
        case requestKeyForm(maximum: Int)
        case requestKeyUsed(String, size: Int)
        case usernameLength(Int, minimum: Int, maximum: Int)
        case generatedPasswordLength(Int, minimum: Int, maximum: Int)
        case temporaryPasswordTooLong(Int, maximum: Int)
        case groupNameForm(maximum: Int)
        case noSuchGroup(String, session: String, groups: [String])
        case sessionEnded(String)
        case sessionEndedForReset(String)
        case noEntriesNamed(EntryAction)
        case noEntriesSelected(EntryAction)
        case notAnEntryGUID(String)
        case entryNameAmbiguous(String, session: String, [EntryMention])
        case entryNamesUnknown([String], session: String)
        case entriesNotInSession([String], session: String)
        case noEntriesMatch(String, filter: String?)
        case nothingToReprint(String, [EntryMention], allWithdrawn: Bool)
        case withdrawnCannotBeReset(String, numbers: [Int])
        case withdrawnDuringReset(Int)
        case changedDuringWithdrawal(Int)
        case searchTooShort(minimum: Int)

        // MARK: Credential files and downloads
        case noExportFile
        case sameFileTwice
        case outputIsFolder(String)
        case outputExists(String)
        case cannotWrite([String], WriteProblem)
        case filesNotPlaced(CryptoError, SavedAnyway)
        /// The reset is saved but its sheet failed (`cause`: the failure's own sentence).
        case sheetUnwritten(cause: String, SavedAnyway)
        case notALayout(String)
        case layoutTwice
        case notAPaperSize(String)
        case credentialTooLongToPrint(Int)
        case notADownloadFormat(String)
        case notADownloadLayout(String)
        case slipsNotInCSV(choosingFile: Bool)
        case notADownloadFile(String)
        case notADownloadChoice
        case noTemporaryFolder

        // MARK: Rosters and imports
        case mapping(RosterMapping.Problem, header: [String])
        case notAColumnChoice(String)
        case noCandidateRows
        case importTooLarge
        indirect case defaultPasswordRefused(Reason)
        indirect case importStopped(done: Int, of: Int, job: String, Reason)
        case importJobNotFound(String)
        case importJobAmbiguous(String, count: Int)
        case noVisibleImportJob(String)
        case noRoster
        case rosterAndPastedRows
        /// A file the roster reader could not read (`cause`: the reader's own sentence).
        case rosterUnreadable(String, cause: String)
        case pastedRowsUnreadable(cause: String)
        case pastedRowWidth(row: Int, cells: Int, first: Int)
        case notAnEncoding(String)
        case uploadUnreadable
        case checkedRosterGone
        case checkedRosterUnopenable
        case importCheckGone
        case importRecordedNoJob
        case notAnImportFile
        case noSuchTemplate

        // MARK: Keys and secrets
        case wrongDataKey(keyFile: String?)
        case environmentKeyInvalid(CryptoError)
        case keyFileLost(String)
        case keyFileMissing(String)
        case passwordUnopenable(entry: Int, CryptoError)
        /// The cryptographic layer's own sentence (a key file it cannot read, a random source that failed).
        case cryptography(CryptoError)

        // MARK: The store
        case storeBusy
        case sameValueAtOnce(StoreConstraint)
        case storeUnavailable
        case storeRefused
        /// A failure Admit has no words for; what it was goes to the log only.
        case unexpected
        /// `database` is how the store names itself ("the database /srv/admit.sqlite"); `cause`, the library's words.
        case cannotOpen(database: String, cause: String)
        case cannotConnect(database: String, cause: String)
        case databaseUnusable(database: String, cause: String)
        case databaseMissing(database: String, address: String, create: String)
        case databaseNewer(database: String, latest: String)
        case folderNotCreatable(String)
        case tooFewConnections(Int)
        case unknownAuditAction(String)
        /// `schema` names the copy's target schema ("this Admit's PostgreSQL schema").
        case copySchemaMismatch(from: String, schema: String, to: String)
        case copyUnknownTable(String)
        case copyUnknownColumn(table: String, column: String, schema: String)
        case copyRefused(database: String, cause: String)
        case copyTargetNotEmpty(database: String, held: [String])
        case copyTargetHoldsRecords(database: String, Int, table: String)

        // MARK: The server
        case cannotListen(address: String, ListenProblem)
    }
}

/// An entry named in a refusal: its number and what is said of it (its state, its username).
public struct EntryMention: Equatable, Sendable {
    public var number: Int
    public var detail: String

    public init(number: Int, detail: String) {
        self.number = number
        self.detail = detail
    }
}

/// What an action on entries is, for "name at least one entry to …".
public enum EntryAction: String, Sendable {
    case any, download, withdraw, reset, unlock, reprint
}

/// What a refused staff member asked about.
public enum AccessScope: Equatable, Sendable {
    case sessions, thisSession
    case sessionsOf(String)
}

/// How the last admin would stop being one.
public enum AdminLoss: Equatable, Sendable {
    case disabled
    case madeRole(StaffRole)
}

/// What a name belongs to, for its rule.
public enum NamedThing: String, Sendable {
    case institution, session
}

/// What is in force although its credential files failed, and how to print them again.
public enum SavedAnyway: Equatable, Sendable {
    /// New entries, or an export: export them again.
    case entriesSaved
    /// New passwords of these entries: print their sheet again.
    case entriesReset(session: String, numbers: [Int])
}

/// Why a server cannot listen where it was asked to.
public enum ListenProblem: Equatable, Sendable {
    case inUse, notAllowed, noSuchAddress
    case other(errno: Int32)
}
