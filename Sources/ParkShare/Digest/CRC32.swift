/// CRC-32 (ISO 3309, the polynomial ZIP uses), shared by the ZIP writer (`Zip`) and the ZIP
/// reader (`ZipArchive`), which checks each entry as it streams and so updates in pieces.
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The CRC of `data` in one piece.
  static func checksum(_ data: [UInt8]) -> UInt32 {
    data.withUnsafeBufferPointer { finish(update(start, $0)) }
  }

  /// The running value before any byte; `update` with each piece, then `finish`.
  static let start: UInt32 = 0xFFFF_FFFF

  static func update(_ crc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var c = crc
    table.withUnsafeBufferPointer { t in
      for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    }
    return c
  }

  static func finish(_ crc: UInt32) -> UInt32 { crc ^ 0xFFFF_FFFF }
}
