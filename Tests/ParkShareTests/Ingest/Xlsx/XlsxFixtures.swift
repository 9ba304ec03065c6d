import Foundation

@testable import ParkShare

/// The xlsx reader's checked-in fixtures (written once by `Fixtures/xlsx/make-fixtures.py`).
enum XlsxFixtures {
  static let dir = Paths.fixtures.appendingPathComponent("xlsx")

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
  }

  static func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
}

/// Writes DEFLATE bits least significant first, as RFC 1951 packs them, to build streams
/// (valid and corrupt) by hand.
struct BitWriter {
  var bytes: [UInt8] = []
  private var acc = 0
  private var count = 0

  /// `n` bits of `value`, least significant first (header fields, extra bits).
  mutating func bits(_ value: Int, _ n: Int) {
    for i in 0..<n { bit(value >> i & 1) }
  }

  /// A Huffman code of `n` bits, most significant first.
  mutating func code(_ value: Int, _ n: Int) {
    for i in stride(from: n - 1, through: 0, by: -1) { bit(value >> i & 1) }
  }

  /// The fixed literal/length code of `symbol` (RFC 1951 3.2.6).
  mutating func fixed(_ symbol: Int) {
    switch symbol {
    case 0..<144: code(0x30 + symbol, 8)
    case 144..<256: code(0x190 + symbol - 144, 9)
    case 256..<280: code(symbol - 256, 7)
    default: code(0xC0 + symbol - 280, 8)
    }
  }

  private mutating func bit(_ b: Int) {
    acc |= b << count
    count += 1
    if count == 8 { flush() }
  }

  mutating func flush() {
    if count > 0 { bytes.append(UInt8(acc)) }
    acc = 0
    count = 0
  }
}
