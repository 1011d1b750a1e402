import AdmitCore
import ArgumentParser
import Foundation

/// The staff member a `staff` subcommand acts on.
struct StaffName: ParsableArguments {
    @Argument(help: "The staff member's username.") var username: String
}

/// A role and, for a coordinator or invigilator, its institution (`staff add`, `staff role`).
struct StaffRoleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("admin, coordinator or invigilator.", valueName: "role")) var role: String
    @Option(help: ArgumentHelp("The institution a coordinator or invigilator works for.", valueName: "code")) var institution: String?

    /// The role as typed (any case).
    func staffRole() throws -> StaffRole {
        guard let role = StaffRole(rawValue: role.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw CommandError("\"\(role)\" is not a role; choose admin, coordinator or invigilator")
        }
        return role
    }
}
