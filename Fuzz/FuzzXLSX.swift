import Foundation

// libFuzzer target for the XLSX reader; built and run by `make fuzz`, with FuzzInput.swift from
// Tests/AdmitTablesTests (which turns non-ZIP inputs into workbook parts). A reader may return or throw a
// TableError; anything else is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let findings = FuzzInput.workbook(Data(bytes: bytes, count: size))
    if !findings.isEmpty { fatalError("the XLSX reader threw something other than a TableError: \(findings)") }
    return 0
}
