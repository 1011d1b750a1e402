import AdmitTestTools
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What olefile (Debian's python3-olefile, a reader that is not ours) finds in a compound file.
struct OlefileListing: Decodable {
    struct Stream: Decodable {
        let path: [String]
        let size: Int
        let sha256: String
    }

    let streams: [Stream]
    let storages: [[String]]
    let issues: [String]
}

/// Opens `file` with olefile, as strict as it gets: every defect, even an "unsure" one, raises.
func olefileListing(_ file: URL) throws -> OlefileListing {
    let script = """
        import hashlib, json, sys, olefile
        ole = olefile.OleFileIO(sys.argv[1], raise_defects=olefile.DEFECT_UNSURE)
        streams = []
        for path in ole.listdir(streams=True, storages=False):
            data = ole.openstream(path).read()
            assert len(data) == ole.get_size(path), path
            streams.append({"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        storages = ole.listdir(streams=False, storages=True)
        issues = [str(message) for _, message in ole.parsing_issues]
        print(json.dumps({"streams": streams, "storages": storages, "issues": issues}))
        """
    return try JSONDecoder().decode(OlefileListing.self, from: python3(script, [file.path]))
}

/// SHA-256 by Python's hashlib, so the comparison with olefile's digests needs no hash of our own.
func sha256Hex(_ data: Data) throws -> String {
    let output = try python3("import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())", input: data)
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
