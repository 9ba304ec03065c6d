import Testing

@testable import ParkShare

/// A row's fields as the profiled reader splits them: at the delimiter, spaces around each
/// field left out, empty fields kept; the storage grows for a row wider than any before.
@Suite struct FieldRangesTests {
  /// The fields of `line` as strings, split by `FieldRanges`.
  static func split(_ line: String, _ fields: inout FieldRanges, at d: UInt8 = 44) -> [String] {
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBufferPointer { b in
      // An empty line's buffer may have no address: a byte is lent for it.
      guard let a = b.baseAddress else {
        return [UInt8(0)].withUnsafeBufferPointer { z in
          fields.split(z.baseAddress!, 0, at: d)
          return fields.indices.map { _ in "" }
        }
      }
      fields.split(a, b.count, at: d)
      return fields.indices.map { String(decoding: b[fields[$0]], as: UTF8.self) }
    }
  }

  @Test func handWrittenRows() {
    var f = FieldRanges()
    #expect(Self.split("a,b,c", &f) == ["a", "b", "c"])
    #expect(Self.split(" a , b ,c ", &f) == ["a", "b", "c"])
    #expect(Self.split(",,", &f) == ["", "", ""])
    #expect(Self.split("", &f) == [""])
    #expect(Self.split("   ", &f) == [""])
    #expect(Self.split("x", &f) == ["x"])
    #expect(Self.split("1;2,5", &f, at: 59) == ["1", "2,5"])
  }

  /// Random rows, some wider than the storage so far, against splitting the string.
  @Test func randomRowsAsTheStringSplits() {
    var f = FieldRanges()
    var r = SystemRandomNumberGenerator()
    for round in 0..<500 {
      let width =
        round % 50 == 0 ? Int.random(in: 100...3000, using: &r) : Int.random(in: 1...40, using: &r)
      let cells = (0..<width).map { _ -> String in
        let pieces = ["", " ", "1.5", "2026-01-01", " x ", "表号", "  ", "¬", "a¬b"]
        return pieces.randomElement(using: &r)!
      }
      let line = cells.joined(separator: ",")
      let expected = line.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
      }
      #expect(Self.split(line, &f) == expected, "\(line)")
    }
  }
}
