import Foundation

// libFuzzer target for the text readers (CSV, pasted rows); built and run by `make fuzz`, with FuzzInput.swift
// from Tests/AdmitTablesTests. A reader may return or throw a TableError; anything else is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let findings = FuzzInput.text(Data(bytes: bytes, count: size))
    if !findings.isEmpty { fatalError("a reader threw something other than a TableError: \(findings)") }
    return 0
}
