import AdmitCore
import ArgumentParser
import Foundation

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Add, list, disable, enable and unlock the staff who use the web pages and the API.",
        discussion:
            "Roles: admin (everything), coordinator (the sessions of one institution), invigilator (views sessions, prints sheets and reads the report of one institution).",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Unlock.self, Password.self, Role.self, Token.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff member; the password is asked for (no echo) or read from standard input.")
        @Argument(help: "The staff member's username: letters, digits, '.', '_' and '-'.") var username: String
        @OptionGroup var placement: StaffRoleOptions
        @OptionGroup var options: StoreOptions

        func run() throws {
            let role = try placement.staffRole()
            let admissions = try options.admissions()
            let password = try SecretInput.read("Password for \(username)", given: nil, confirm: true)
            let member = try admissions.addStaff(username: username, role: role, institution: placement.institution, password: password)
            if options.json { return try Console.json(member) }
            Console.line(
                "Added \(member.role.rawValue) \(member.username)\(member.institutionCode.map { " of \($0)" } ?? ""); they sign in at /staff.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff members.")
        @OptionGroup var options: StoreOptions

        func run() throws {
            let members = try options.admissions().staffMembers()
            if options.json { return try Console.json(members) }
            let now = Date()
            Console.table(
                ["USERNAME", "ROLE", "INSTITUTION", "STATE"],
                members.map {
                    [
                        $0.username, $0.role.rawValue, $0.institutionCode ?? "(all)",
                        $0.isDisabled
                            ? "disabled" : $0.lockedUntil.map { $0 > now } == true ? "locked until \(Console.date($0.lockedUntil))" : "active",
                    ]
                })
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a staff member from signing in; their API token stops working too.")
        @OptionGroup var staff: StaffName
        @OptionGroup var options: StoreOptions

        func run() throws {
            let member = try options.admissions().disableStaff(staff.username)
            if options.json { return try Console.json(member) }
            Console.line("Disabled \(member.username); their sessions and API token no longer work.")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new API bearer token for a staff member (the earlier one stops working).",
            discussion: "The token is shown once and stored only as a SHA-256 digest. Send it as `Authorization: Bearer TOKEN`.")
        @OptionGroup var staff: StaffName
        @OptionGroup var options: StoreOptions

        func run() throws {
            let issued = try options.admissions().issueToken(for: staff.username)
            if options.json { return try Console.json(["username": issued.staff.username, "token": issued.token]) }
            Console.line(issued.token)
        }
    }
}
