import Foundation

extension PostgresStore {
    /// The connection string as a person may see it: every spelling of its password masked (`PGRedaction`), then
    /// the masked parts left out (`user:********@` becomes `user@`; `password=********` goes).
    static func describe(_ uri: String) -> String {
        let mask = PGRedaction.mask
        var text = PGRedaction.redact(uri, connectionString: uri)
        text = text.replacingOccurrences(of: ":\(mask)@", with: "@")
        for quoted in ["password='\(mask)'", "password=\(mask)"] {
            // A URI's query parameter, with the separator it takes up; or a key=value pair.
            text = text.replacingOccurrences(of: "?\(quoted)&", with: "?")
                .replacingOccurrences(of: "?\(quoted)", with: "")
                .replacingOccurrences(of: "&\(quoted)", with: "")
                .replacingOccurrences(of: " \(quoted)", with: "")
                .replacingOccurrences(of: "\(quoted) ", with: "")
                .replacingOccurrences(of: quoted, with: "")
        }
        return text
    }
}
