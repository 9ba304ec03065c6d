/// The fast loop's table (as libdeflate's): indexed by the next `packedBits` bits of input, each
/// entry says what to do with no further lookup. A literal entry holds one literal, or two when
/// both codes fit in the index; a length or distance entry holds its base and where its extra
/// bits are; 0 sends the loop to the slow path (a code longer than the index, or a symbol that
/// is no length or distance, which the slow path refuses).
///
/// Layout of an entry (UInt32): bits 0-5 the bits it consumes (codes and, for a length or
/// distance, its extra bits); bits 8-11 the code's own length (where the extra bits start);
/// bit 12 literal(s), bit 13 two literals, bit 14 end of block; bits 16-31 the base of a length
/// or distance, or the literal (bits 16-23) and the second literal (bits 24-31).
extension HuffmanTable {
  static let packedBits = 11
  static let packedMask: UInt64 = (1 << 11) - 1
  static let literal: UInt32 = 1 << 12
  static let pair: UInt32 = 1 << 13
  static let endOfBlock: UInt32 = 1 << 14

  enum Packing {
    case literalLength
    case distance
  }

  /// Fills `packed` from the code just built (`counts`, `symbols`).
  mutating func buildPacked(_ packing: Packing) {
    if packed.isEmpty { packed = [UInt32](repeating: 0, count: 1 << Self.packedBits) }
    packed.withUnsafeMutableBufferPointer { t in
      for i in 0..<t.count { t[i] = 0 }
      var code = 0
      var index = 0
      for len in 1...Self.packedBits {
        for _ in 0..<counts[len] {
          let entry = Self.entry(Int(symbols[index]), length: len, packing)
          var reversed = 0
          for b in 0..<len where code >> b & 1 != 0 { reversed |= 1 << (len - 1 - b) }
          var slot = reversed
          while slot < t.count {
            t[slot] = entry
            slot += 1 << len
          }
          code += 1
          index += 1
        }
        code <<= 1
      }
      guard packing == .literalLength else { return }
      // A literal followed by a literal whose code fits in the bits left: both in one entry.
      // The second is read from the single entries (a copy), so a pair never pairs again.
      let singles = Array(t)
      for i in 0..<t.count {
        let first = singles[i]
        guard first & Self.literal != 0 else { continue }
        let len1 = Int(first & 63)
        let second = singles[i >> len1]
        guard second & Self.literal != 0 else { continue }
        let len2 = Int(second & 63)
        guard len1 + len2 <= Self.packedBits else { continue }
        t[i] =
          Self.literal | Self.pair | (first & 0xFF_0000) | (second & 0xFF_0000) << 8
          | UInt32(len1 + len2)
      }
    }
  }

  private static func entry(_ symbol: Int, length len: Int, _ packing: Packing) -> UInt32 {
    switch packing {
    case .literalLength:
      if symbol < 256 { return literal | UInt32(symbol) << 16 | UInt32(len) }
      if symbol == 256 { return endOfBlock | UInt32(len) }
      let li = symbol - 257
      // 286 and 287 are no lengths: the slow path refuses them.
      guard li < 29 else { return 0 }
      return UInt32(Inflater.lengthBase[li]) << 16 | UInt32(len) << 8
        | UInt32(len + Inflater.lengthExtra[li])
    case .distance:
      guard symbol < 30 else { return 0 }
      return UInt32(Inflater.distanceBase[symbol]) << 16 | UInt32(len) << 8
        | UInt32(len + Inflater.distanceExtra[symbol])
    }
  }
}
