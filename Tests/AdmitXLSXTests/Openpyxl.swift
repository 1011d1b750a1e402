import AdmitTestTools
import Foundation

/// Reads a workbook with openpyxl (Debian's python3-openpyxl): a reader that is not libxlsxwriter.
/// The script gets the workbook as `wb` and sets `result`, which comes back as JSON.
func openpyxl<T: Decodable>(_ file: URL, _ script: String, as type: T.Type = T.self) throws -> T {
    let program = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        \(script)
        print(json.dumps(result))
        """
    let data = try python3(program, [file.path])
    return try JSONDecoder().decode(T.self, from: data)
}
