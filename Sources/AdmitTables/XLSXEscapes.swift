/// Excel writes characters XML cannot hold (control characters such as a CR) as `_xHHHH_`, and a literal
/// `_x` that would read as one as `_x005F_x…` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
// Hand-written: neither XMLParser nor ZIPFoundation knows this Office convention.
enum XLSXEscapes {
    static func decode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if index + 6 < scalars.count, scalars[index] == "_", scalars[index + 1] == "x", scalars[index + 6] == "_",
                let code = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}
