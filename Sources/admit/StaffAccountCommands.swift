import AdmitCore
import ArgumentParser

extension StaffCommand {
    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clear a staff member's failed sign-ins and lock, so their password works at once.")
        @OptionGroup var staff: StaffName
        @OptionGroup var options: StoreOptions

        func run() throws {
            let member = try options.admissions().unlockStaff(staff.username)
            if options.json { return try Console.json(member) }
            Console.line("Unlocked \(member.username); their password works again now.")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let a disabled staff member sign in again.",
            discussion: "Their old API token stays revoked: `admit staff token USERNAME` makes a new one.")
        @OptionGroup var staff: StaffName
        @OptionGroup var options: StoreOptions

        func run() throws {
            let member = try options.admissions().enableStaff(staff.username)
            if options.json { return try Console.json(member) }
            Console.line("Enabled \(member.username); they sign in at /staff again.")
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a staff member a new password: asked for twice (no echo), read from standard input, or from --password-file.")
        @OptionGroup var staff: StaffName
        @Option(help: ArgumentHelp("Read the password from this file's first line.", valueName: "file")) var passwordFile: String?
        @OptionGroup var options: StoreOptions

        func run() throws {
            let admissions = try options.admissions()
            let member = try admissions.staffMember(staff.username)
            let password = try passwordFile.map(PasswordFile.read) ?? SecretInput.read("Password for \(member.username)", given: nil, confirm: true)
            let updated = try admissions.setStaffPassword(member.username, password: password)
            if options.json { return try Console.json(updated) }
            Console.line("Set a new password for \(updated.username); it works at once.")
        }
    }

    struct Role: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a staff member another role (and institution).",
            discussion: "Coordinators and invigilators work for one institution; an admin for all. The last admin cannot be demoted.")
        @OptionGroup var staff: StaffName
        @OptionGroup var placement: StaffRoleOptions
        @OptionGroup var options: StoreOptions

        func run() throws {
            let role = try placement.staffRole()
            let member = try options.admissions().changeStaffRole(staff.username, to: role, institution: placement.institution)
            if options.json { return try Console.json(member) }
            Console.line(
                "\(member.username) is now \(member.role == .coordinator ? "a" : "an") \(member.role.rawValue)\(member.institutionCode.map { " of \($0)" } ?? "")."
            )
        }
    }
}
