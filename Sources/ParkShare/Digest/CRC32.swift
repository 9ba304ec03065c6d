/// CRC-32 (ISO 3309, the polynomial ZIP uses), shared by the ZIP writer (`Zip`) and the ZIP
/// reader (`ZipArchive`), which checks each entry as it streams and so updates in pieces.
/// Sixteen bytes a step through sixteen tables ("slicing-by-16"): a byte-at-a-time CRC took as
/// long as inflating the sheet it checked, eight bytes a step half as long.
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// `tables[k][b]`: the CRC of byte `b` followed by `k` zero bytes, for k in 0..<16, flat.
  static let tables: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 16 * 256)
    for n in 0..<256 { t[n] = table[n] }
    for k in 1..<16 {
      for n in 0..<256 {
        let prev = t[(k - 1) * 256 + n]
        t[k * 256 + n] = (prev >> 8) ^ table[Int(prev & 0xFF)]
      }
    }
    return t
  }()

  /// The CRC of `data` in one piece.
  static func checksum(_ data: [UInt8]) -> UInt32 {
    data.withUnsafeBufferPointer { finish(update(start, $0)) }
  }

  /// The running value before any byte; `update` with each piece, then `finish`.
  static let start: UInt32 = 0xFFFF_FFFF

  static func update(_ crc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    guard let base = bytes.baseAddress else { return crc }
    var c = crc
    tables.withUnsafeBufferPointer { t in
      var i = 0
      let n = bytes.count
      let t = UnsafePointer<UInt32>(t.baseAddress!)
      while i + 16 <= n {
        let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let v = UInt64(
          littleEndian: UnsafeRawPointer(base + i + 8).loadUnaligned(as: UInt64.self))
        let a = UInt32(truncatingIfNeeded: w) ^ c
        let b = UInt32(truncatingIfNeeded: w >> 32)
        let x = UInt32(truncatingIfNeeded: v)
        let y = UInt32(truncatingIfNeeded: v >> 32)
        c =
          t[15 * 256 + Int(a & 0xFF)] ^ t[14 * 256 + Int(a >> 8 & 0xFF)]
          ^ t[13 * 256 + Int(a >> 16 & 0xFF)] ^ t[12 * 256 + Int(a >> 24)]
          ^ t[11 * 256 + Int(b & 0xFF)] ^ t[10 * 256 + Int(b >> 8 & 0xFF)]
          ^ t[9 * 256 + Int(b >> 16 & 0xFF)] ^ t[8 * 256 + Int(b >> 24)]
          ^ t[7 * 256 + Int(x & 0xFF)] ^ t[6 * 256 + Int(x >> 8 & 0xFF)]
          ^ t[5 * 256 + Int(x >> 16 & 0xFF)] ^ t[4 * 256 + Int(x >> 24)]
          ^ t[3 * 256 + Int(y & 0xFF)] ^ t[2 * 256 + Int(y >> 8 & 0xFF)]
          ^ t[256 + Int(y >> 16 & 0xFF)] ^ t[Int(y >> 24)]
        i += 16
      }
      while i < n {
        c = t[Int((c ^ UInt32(base[i])) & 0xFF)] ^ (c >> 8)
        i += 1
      }
    }
    return c
  }

  static func finish(_ crc: UInt32) -> UInt32 { crc ^ 0xFFFF_FFFF }
}
