import AdmitCore

extension AdmitError {
    /// The refusal as the staff pages and the API say it: Core's sentence, except where they have words of their
    /// own (a page's button or drop-down, the CLI command that makes a token).
    var staffSentence: String {
        let words: String? =
            switch reason {
            case .noEntriesSelected(.download): "select entries to download, or choose “Whole session”"
            case .mapping(let problem, _): ImportMappingStep.words(problem)
            case .tokenInvalid: "the bearer token is not valid; make a new one with `admit staff token USERNAME`"
            default: nil
            }
        return ErrorMiddleware.sentence(words ?? message)
    }
}
