import CQREncode
import Foundation

/// A QR code made by libqrencode: a square of dark and light modules.
struct QRCode {
    /// Modules per side, without the quiet zone.
    let size: Int
    private let modules: [Bool]

    /// Encodes `text` as bytes at error-correction level M (15 % of the code can be damaged or soiled).
    init(_ text: String) throws {
        let owner = try Encoded(text)
        (size, modules) = withExtendedLifetime(owner) {
            let code = owner.handle.pointee
            let size = Int(code.width)
            // Bit 0 of each byte is the module's colour; the other bits are libqrencode's bookkeeping.
            return (size, (0..<(size * size)).map { code.data[$0] & 1 == 1 })
        }
    }

    /// Modules per side with the quiet zone, as `png` draws it.
    var sideWithQuietZone: Int { size + 2 * Self.quietZone }
    static let quietZone = 4

    func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// As a 1-bit PNG, `scale` pixels a module, with the standard quiet zone of 4 modules.
    func png(scale: Int = 1) -> Data {
        let quiet = Self.quietZone
        let modules = sideWithQuietZone
        let rows = (0..<modules).map { row in
            (0..<modules).map { column in
                let (r, c) = (row - quiet, column - quiet)
                return (0..<size).contains(r) && (0..<size).contains(c) && isDark(row: r, column: c)
            }
        }
        return PNGImage.bilevel(rows, scale: scale)
    }

    /// Owns the `QRcode` libqrencode allocates.
    private final class Encoded {
        let handle: UnsafeMutablePointer<QRcode>

        init(_ text: String) throws {
            // Version 0: the smallest that holds the text.
            guard let handle = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
                throw XLSXError("cannot make a QR code of \(text.count) characters: \(String(cString: strerror(errno)))")
            }
            self.handle = handle
        }

        deinit { QRcode_free(handle) }
    }
}
