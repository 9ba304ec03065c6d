/// A canonical Huffman code (RFC 1951 3.2.2) as two lookups: a table indexed by the next
/// `fastBits` bits of input (bit-reversed, as DEFLATE packs codes), which decodes every code
/// that short in one step, and the per-length counts and sorted symbols that decode the rare
/// longer codes bit by bit.
struct HuffmanTable {
  static let fastBits = 10
  static let fastMask: UInt64 = (1 << 10) - 1

  /// `length << 9 | symbol` for a code of at most `fastBits` bits; 0 sends the decoder to the
  /// slow path (a longer code, or bits that are no code at all).
  var fast = [UInt16](repeating: 0, count: 1 << 10)
  /// How many codes have each length 0...15.
  var counts = [Int](repeating: 0, count: 16)
  /// The symbols in canonical order (by length, then by symbol).
  var symbols = [UInt16](repeating: 0, count: 288)
  /// The fast loop's table (`HuffmanTable+Packed`), for literal/length and distance codes.
  var packed: [UInt32] = []

  enum Kind {
    /// The code-length code of a dynamic block's header: must be complete.
    case codeLengths
    /// Literal/length or distance codes: a single one-bit code may stand alone (zlib writes
    /// one distance code when a block has one), and a distance code may be empty (a block of
    /// literals only); any use of a missing code is then `invalidSymbol`.
    case data
  }

  /// Builds the code from a length per symbol, refusing over-subscribed and incomplete sets.
  mutating func build(_ lengths: ArraySlice<UInt8>, _ kind: Kind) throws(InflateError) {
    for i in 0..<16 { counts[i] = 0 }
    for l in lengths { counts[Int(l)] += 1 }
    counts[0] = 0
    var left = 1
    for len in 1..<16 {
      left = left << 1 - counts[len]
      if left < 0 { throw .overSubscribed }
    }
    let used = lengths.count - lengths.lazy.filter { $0 == 0 }.count
    if left > 0 && used > 0 {
      let single = used == 1 && counts[1] == 1
      if kind == .codeLengths || !single { throw .incomplete }
    }
    // Offsets of each length's first symbol in `symbols`, then the symbols in code order.
    var offsets = [Int](repeating: 0, count: 16)
    for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
    for (i, l) in lengths.enumerated() where l != 0 {
      symbols[offsets[Int(l)]] = UInt16(i)
      offsets[Int(l)] += 1
    }
    buildFast(lengths)
  }

  /// Fills the one-step table: each code of `len` ≤ fastBits bits, reversed, repeated over every
  /// value of the bits that follow it.
  private mutating func buildFast(_ lengths: ArraySlice<UInt8>) {
    for i in 0..<fast.count { fast[i] = 0 }
    var code = 0
    var index = 0
    for len in 1...Self.fastBits {
      for _ in 0..<counts[len] {
        let symbol = symbols[index]
        var reversed = 0
        for b in 0..<len where code >> b & 1 != 0 { reversed |= 1 << (len - 1 - b) }
        var slot = reversed
        while slot < fast.count {
          fast[slot] = UInt16(len << 9) | symbol
          slot += 1 << len
        }
        code += 1
        index += 1
      }
      code <<= 1
    }
  }

  /// Decodes a code longer than `fastBits` (or finds none) from up to 15 bits of `bits`, least
  /// significant first, of which `available` are input. Returns the symbol and the code's
  /// length; the symbol is `Self.noCode` if the bits are no code, `Self.needMore` if the input
  /// ends inside the code.
  func slowDecode(_ bits: UInt64, available: Int) -> (symbol: Int, length: Int) {
    var code = 0
    var first = 0
    var index = 0
    for len in 1..<16 {
      if len > available { return (Self.needMore, 0) }
      code |= Int(bits >> UInt64(len - 1) & 1)
      let count = counts[len]
      if code - first < count { return (Int(symbols[index + code - first]), len) }
      index += count
      first = (first + count) << 1
      code <<= 1
    }
    return (Self.noCode, 0)
  }

  static let noCode = -1
  static let needMore = -2
}
