import AdmitCrypto

/// How generic usernames and passwords are made: symbols of the unambiguous alphabet drawn from a CSPRNG.
public struct CredentialPolicy: Equatable, Sendable {
    /// No 0/O, 1/I/L: what is printed on a slip can be typed back without doubt.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// At most 32 symbols (about 158 bits): the longest code that still prints whole on a slip and a roster line.
    public static let usernameLengths = 6...32
    public static let passwordLengths = 8...32
    /// The longest temporary password a roster may give, for the same reason.
    public static let longestGivenPassword = 32

    public var usernameLength: Int
    public var passwordLength: Int

    public init(usernameLength: Int = 8, passwordLength: Int = 10) throws {
        guard Self.usernameLengths.contains(usernameLength) else {
            throw AdmitError(
                .invalidInput, .usernameLength(usernameLength, minimum: Self.usernameLengths.lowerBound, maximum: Self.usernameLengths.upperBound))
        }
        guard Self.passwordLengths.contains(passwordLength) else {
            throw AdmitError(
                .invalidInput,
                .generatedPasswordLength(passwordLength, minimum: Self.passwordLengths.lowerBound, maximum: Self.passwordLengths.upperBound))
        }
        self.usernameLength = usernameLength
        self.passwordLength = passwordLength
    }

    public init() {
        usernameLength = 8
        passwordLength = 10
    }

    /// A code of `length` symbols, each uniform over the alphabet.
    public static func code(length: Int, random: any RandomSource) throws -> String {
        String(try random.uniformIndices(count: length, below: alphabet.count).map { alphabet[$0] })
    }

    /// A code as a person typed it: upper-cased, spaces and dashes removed (`k7qm-4xpa 9r` → `K7QM4XPA9R`).
    public static func normalized(_ typed: String) -> String {
        String(typed.uppercased().filter { $0 != " " && $0 != "-" })
    }

    /// Refuses a temporary password from a roster that no slip could print whole.
    public static func requirePrintable(_ password: String) throws {
        guard password.count <= longestGivenPassword else {
            throw AdmitError(.invalidInput, .temporaryPasswordTooLong(password.count, maximum: longestGivenPassword))

        }
    }

    /// A password as a slip prints it: a generated code grouped in fours (sign-in ignores the dashes), any other
    /// password exactly as given.
    public static func printed(_ password: String) -> String {
        password.allSatisfy(alphabet.contains) ? grouped(password) : password
    }

    /// A code grouped in fours for reading (`K7QM4XPA9R` → `K7QM-4XPA-9R`).
    public static func grouped(_ code: String) -> String {
        var result = ""
        for (index, symbol) in code.enumerated() {
            if index > 0, index % 4 == 0 { result.append("-") }
            result.append(symbol)
        }
        return result
    }
}
