import Testing

@testable import ParkShare

/// CRC-32 in three lanes against the textbook byte-at-a-time loop: every length around the
/// lanes' edges, any split into pieces, and the check value of the standard.
@Suite struct XlsxCRC32Tests {
  /// One byte at a time, straight from the polynomial: the definition the lanes must keep.
  static func reference(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      c ^= UInt32(b)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
    return c ^ 0xFFFF_FFFF
  }

  static func bytes(_ n: Int, seed: UInt64) -> [UInt8] {
    var random = SplitMixRandom(seed: seed)
    return (0..<n).map { _ in UInt8.random(in: 0...255, using: &random) }
  }

  @Test func theStandardsCheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
  }

  /// Lengths below, at and past one, two and three rounds of the three lanes (12,288 bytes),
  /// each with a tail of 0 to 17 bytes.
  @Test func everyLengthAroundTheLanesEdges() {
    let data = Self.bytes(3 * 3 * CRC32.lane + 40, seed: 7)
    var lengths = Array(0...40)
    for round in 1...3 {
      let edge = round * 3 * CRC32.lane
      lengths += (edge - 17)...(edge + 17)
    }
    lengths += [CRC32.lane, 2 * CRC32.lane + 5, data.count]
    for n in lengths {
      let slice = Array(data[0..<n])
      #expect(CRC32.checksum(slice) == Self.reference(slice), "\(n) bytes")
    }
  }

  /// The running value carries across pieces of any size, as a sheet is checked piece by piece.
  @Test func piecesGiveTheValueOfTheWhole() {
    let data = Self.bytes(100_000, seed: 11)
    let whole = Self.reference(data)
    var random = SplitMixRandom(seed: 3)
    for _ in 0..<20 {
      var c = CRC32.start
      var at = 0
      while at < data.count {
        let n = min(data.count - at, Int.random(in: 0...40_000, using: &random))
        c = data[at..<(at + n)].withUnsafeBufferPointer { CRC32.update(c, $0) }
        at += n
      }
      #expect(CRC32.finish(c) == whole)
    }
  }
}
