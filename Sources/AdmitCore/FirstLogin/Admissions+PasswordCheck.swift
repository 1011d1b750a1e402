import AdmitCrypto
import Foundation

extension Admissions {
    /// One Argon2id verification of `password`: against `hash`, or, when there is none to check (an unknown
    /// username, a slip's login, a withdrawn entry), against a decoy of the same cost. Every refused sign-in
    /// does exactly one, so its time does not tell which usernames exist or what state they are in.
    func checkPassword(_ password: String, against hash: String?) -> Bool {
        passwordChecked()
        let matches = PasswordHasher.verify(password, against: hash ?? hasher.decoyHash)
        return hash != nil && matches
    }

    /// Runs a check that has no hash to verify; when it refuses, it spends the one verification first.
    func refusingAfterOneCheck<T>(_ password: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            _ = checkPassword(password, against: nil)
            throw error
        }
    }
}
