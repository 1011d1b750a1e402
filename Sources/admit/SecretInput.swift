import AdmitCore
import Foundation

/// Reads a password that was not given as an option: from the terminal without echo, else a line of stdin.
enum SecretInput {
    static func read(_ prompt: String, given: String?, confirm: Bool = false) throws -> String {
        if let given { return given }
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw CommandError("no \(prompt.lowercased()) was given: type it at the prompt, send it on standard input, or use the option")
            }
            // A repeated line on standard input is checked like the prompt's second typing.
            if confirm, let again = readLine(strippingNewline: true), again != line {
                throw differ(prompt)
            }
            return line
        }
        let first = try readSilently("\(prompt): ")
        if confirm, try readSilently("\(prompt) again: ") != first {
            throw differ(prompt)
        }
        return first
    }

    private static func differ(_ prompt: String) -> CommandError {
        CommandError("the two typings of the \(prompt.lowercased()) differ; nothing was changed")
    }

    private static func readSilently(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
