/// A refusal of the CLI's own (an option it cannot use, a file it cannot read): one English sentence, exit status 1.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ sentence: String) { description = sentence }
}
