extension AdmitError.Reason {
    /// The case's name (`passwordLength`): what a translation of the reason is found by.
    public var key: String {
        Mirror(reflecting: self).children.first?.label ?? String(describing: self)
    }

    /// The case's values by their labels (`minimum`: `8`), an unlabelled one by its place (`0`): what a
    /// translation puts in its `{minimum}` and `{0}`.
    public var values: [String: String] {
        guard let payload = Mirror(reflecting: self).children.first?.value else { return [:] }
        let parts = Mirror(reflecting: payload)
        guard parts.displayStyle == .tuple else { return ["0": Self.text(payload)] }
        var values: [String: String] = [:]
        for (place, part) in parts.children.enumerated() {
            let label = part.label.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 } ?? "\(place)"
            values[label] = Self.text(part.value)
        }
        return values
    }

    private static func text(_ value: Any) -> String {
        switch value {
        case let text as String: text
        case let texts as [String]: texts.joined(separator: ", ")
        case let reason as AdmitError.Reason: reason.sentence
        case let named as any RawRepresentable: "\(named.rawValue)"
        default:
            if let optional = value as? OptionalValue { optional.unwrapped.map(text) ?? "" } else { String(describing: value) }
        }
    }
}

/// An optional seen as `Any`, so that its value (not "Optional(…)") is what a translation shows.
private protocol OptionalValue { var unwrapped: Any? { get } }

extension Optional: OptionalValue {
    fileprivate var unwrapped: Any? { self.map { $0 as Any } }
}
