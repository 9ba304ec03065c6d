import Testing

@testable import ParkShare

/// The fast loop's packed table against the bit-by-bit decoder, entry by entry, for random
/// complete codes: a literal (or two), a length or distance with its base and extra bits, the
/// end of a block, or 0 only where the code is longer than the index or no symbol the loop may
/// take.
@Suite struct XlsxHuffmanTableTests {
  /// Code lengths of a random complete prefix code with `used` codes among `symbols` symbols:
  /// a leaf split in two until there are enough, the depths dealt to random symbols.
  static func randomLengths(
    symbols: Int, used: Int, mustUse: Int?, _ random: inout SplitMixRandom
  ) -> [UInt8] {
    var depths = [0]
    while depths.count < used {
      let splittable = depths.indices.filter { depths[$0] < 15 }
      let i = splittable.randomElement(using: &random)!
      depths[i] += 1
      depths.append(depths[i])
    }
    var order = Array(0..<symbols).shuffled(using: &random)
    if let must = mustUse, let at = order.firstIndex(of: must) { order.swapAt(0, at) }
    var lengths = [UInt8](repeating: 0, count: symbols)
    for (k, d) in depths.enumerated() { lengths[order[k]] = UInt8(d) }
    return lengths
  }

  @Test func packedEntriesDecodeAsTheCode() throws {
    var random = SplitMixRandom(seed: 16)
    var seen = (pairs: 0, lengths: 0, slow: 0)
    for round in 0..<200 {
      let literal = round % 2 == 0
      let symbols = literal ? 288 : 32
      let used = Int.random(in: 2...symbols, using: &random)
      let lengths = Self.randomLengths(
        symbols: symbols, used: used, mustUse: literal ? 256 : nil, &random)
      var table = HuffmanTable()
      try table.build(lengths[...], .data)
      table.buildPacked(literal ? .literalLength : .distance)
      #expect(table.packed.count == 1 << HuffmanTable.packedBits)
      for i in 0..<table.packed.count {
        let e = table.packed[i]
        // The index's bits, then ones above it: an entry may use only the index's bits.
        let bits = UInt64(i) | ~HuffmanTable.packedMask
        let (symbol, length) = table.slowDecode(bits, available: 64)
        let used = Int(e & 63)
        if e == 0 {
          seen.slow += 1
          let bad = literal ? symbol > 285 : symbol > 29
          #expect(length > HuffmanTable.packedBits || bad, "round \(round) index \(i)")
        } else if e & HuffmanTable.literal != 0 {
          #expect(symbol < 256 && Int(e >> 16 & 0xFF) == symbol)
          if e & HuffmanTable.pair != 0 {
            seen.pairs += 1
            let (second, secondLength) = table.slowDecode(bits >> UInt64(length), available: 64)
            #expect(second < 256 && Int(e >> 24) == second)
            #expect(used == length + secondLength && used <= HuffmanTable.packedBits)
          } else {
            #expect(used == length)
          }
        } else if e & HuffmanTable.endOfBlock != 0 {
          #expect(literal && symbol == 256 && used == length)
        } else {
          seen.lengths += 1
          let k = literal ? symbol - 257 : symbol
          let base = literal ? Inflater.lengthBase[k] : Inflater.distanceBase[k]
          let extra = literal ? Inflater.lengthExtra[k] : Inflater.distanceExtra[k]
          #expect(Int(e >> 16) == base && Int(e >> 8 & 15) == length && used == length + extra)
        }
      }
    }
    // The rounds reached every kind of entry.
    #expect(seen.pairs > 1000 && seen.lengths > 1000 && seen.slow > 100)
  }
}
