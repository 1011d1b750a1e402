import CLibZ
import Foundation

/// The smallest PNG that libxlsxwriter embeds: one bit per pixel, black on white, compressed with zlib.
// Written here: no library on this machine writes PNG from Swift; zlib does the compression and checksums.
enum PNGImage {
    /// `dark` a row of squares at a time, each square `scale` pixels a side.
    static func bilevel(_ dark: [[Bool]], scale: Int) -> Data {
        let width = (dark.first?.count ?? 0) * scale
        let height = dark.count * scale
        let rowBytes = (width + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * height)
        for squares in dark {
            var line = [UInt8](repeating: 0, count: rowBytes + 1)  // each line starts with filter type 0 (none)
            for x in 0..<width where !squares[x / scale] {
                line[1 + x / 8] |= 0x80 >> UInt8(x % 8)  // 1 is white in a grayscale image
            }
            for _ in 0..<scale { raw += line }
        }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [1, 0, 0, 0, 0])  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
        append(chunk: "IHDR", header, to: &png)
        append(chunk: "IDAT", deflated(raw), to: &png)
        append(chunk: "IEND", Data(), to: &png)
        return png
    }

    private static func deflated(_ bytes: [UInt8]) -> Data {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        // Fails only without memory for zlib's state; the buffer is large enough by compressBound.
        guard compress2(&output, &length, bytes, uLong(bytes.count), Z_DEFAULT_COMPRESSION) == Z_OK else {
            preconditionFailure("zlib cannot compress an image")
        }
        return Data(output.prefix(Int(length)))
    }

    private static func append(chunk type: String, _ body: Data, to png: inout Data) {
        png.appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        png.append(typed)
        let checksum = typed.withUnsafeBytes { crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt(typed.count)) }
        png.appendBigEndian(UInt32(checksum))
    }
}

extension Data {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
