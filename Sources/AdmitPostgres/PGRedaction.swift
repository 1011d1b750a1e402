import CLibPQ
import Foundation

/// Keeps a connection string's password out of error text. libpq's own messages leave it out, except where it
/// quotes the string it could not parse ("… in URI: "postgresql://user:secret@[::1/db""); every spelling of the
/// password found in the string is masked before a message leaves this layer.
enum PGRedaction {
    static let mask = "********"

    static func redact(_ message: String, connectionString: String) -> String {
        passwords(in: connectionString).sorted { $0.count > $1.count }.reduce(message) {
            $0.replacingOccurrences(of: $1, with: mask)
        }
    }

    /// The password as libpq reads it, and as written in the string (percent-encoded or not), found even in a
    /// string libpq cannot parse.
    static func passwords(in connectionString: String) -> Set<String> {
        var found: Set<String> = []
        func add(_ candidate: Substring) {
            for spelling in [String(candidate), candidate.removingPercentEncoding] {
                if let spelling, !spelling.isEmpty { found.insert(spelling) }
            }
        }
        if let parsed = parsedPassword(connectionString) { add(Substring(parsed)) }
        // postgresql://user:password@host/…: the authority runs to the first "/" or "?"; its user information to
        // the last "@"; the password from the first ":".
        if let scheme = connectionString.range(of: "://") {
            let rest = connectionString[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                add(authority[authority.index(after: colon)..<at])
            }
        }
        // password=… in a URI's query (to the next "&") or in key=value form (to a space, or quoted).
        var search = connectionString[...]
        while let key = search.range(of: "password=") {
            let value = search[key.upperBound...]
            if value.first == "'" {
                // Quoted: runs to the next unescaped quote; a backslash escapes the character after it.
                var password = ""
                var escaped = false
                for character in value.dropFirst() {
                    if escaped {
                        password.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "'" {
                        break
                    } else {
                        password.append(character)
                    }
                }
                add(Substring(password))
            } else {
                add(value.prefix { $0 != "&" && !$0.isWhitespace })
            }
            search = value
        }
        return found
    }

    private static func parsedPassword(_ connectionString: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &error) else {
            if let error { PQfreemem(error) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val { return String(cString: value) }
            option += 1
        }
        return nil
    }
}
