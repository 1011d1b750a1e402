import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Streams one XML part of a workbook through Foundation's XMLParser: events only, no document tree, so memory
/// stays at what the caller keeps. Elements and attributes are named by their local
/// names, so a part written with prefixes (`<x:row>`, `r:id`) reads like a plain one.
final class XMLEvents: NSObject, XMLParserDelegate {
    typealias Start = (_ element: String, _ attributes: [String: String]) throws -> Void
    typealias End = (_ element: String) throws -> Void
    typealias Text = (_ text: String) -> Void

    private let start: Start, end: End, text: Text
    private var failure: (any Error)?

    private init(start: @escaping Start, end: @escaping End, text: @escaping Text) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// Parses the part at `path`, unpacked to `file` and checked by `XMLPartCheck` (no DTD, UTF-8); the handlers are
    /// only called during the parse. A malformed part is refused as damaged.
    static func parse(_ file: URL, path: String, start: Start, end: End = { _ in }, text: Text = { _ in }) throws {
        // From a stream, XMLParser hands libxml2 the part in chunks (given data whole, libxml2 refuses any document
        // over 10 MB as a "huge input lookup"), and the part never has to be in memory.
        guard let stream = InputStream(url: file) else { throw TableError.damaged(path) }
        try withoutActuallyEscaping(start) { start in
            try withoutActuallyEscaping(end) { end in
                try withoutActuallyEscaping(text) { text in
                    try XMLEvents(start: start, end: end, text: text).parse(stream, path: path)
                }
            }
        }
    }

    private func parse(_ stream: InputStream, path: String) throws {
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let parsed = parser.parse()
        if let failure { throw failure }
        // XMLParser recovers from some errors and still returns true: its error is what tells.
        guard parsed, parser.parserError == nil else { throw TableError.damaged(path) }
    }

    private static func localName(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    private func run(_ parser: XMLParser, _ event: () throws -> Void) {
        guard failure == nil else { return }
        do { try event() } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String]
    ) {
        let attributes = Dictionary(attributeDict.map { (Self.localName($0.key), $0.value) }) { first, _ in first }
        run(parser) { try start(Self.localName(elementName), attributes) }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        run(parser) { try end(Self.localName(elementName)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if failure == nil { text(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if failure == nil { text(String(decoding: block, as: UTF8.self)) }
    }
}
