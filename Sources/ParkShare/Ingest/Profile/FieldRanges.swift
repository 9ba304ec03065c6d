/// The fields of the row being read, as ranges of its bytes. Emptied for each row without
/// giving back (or even rewriting) its storage: `Array.removeAll(keepingCapacity:)` cost a
/// twentieth of the time of reading register reads, once per row.
struct FieldRanges {
  private var storage: [Range<Int>] = []
  private(set) var count = 0

  var indices: Range<Int> { 0..<count }

  mutating func reset() { count = 0 }

  mutating func append(_ r: Range<Int>) {
    if count < storage.count {
      storage[count] = r
    } else {
      storage.append(r)
    }
    count += 1
  }

  /// The fields of the `n` bytes at `a` split at `delimiter`, without the spaces around them:
  /// one pass over the bytes, written through one borrow of the storage (a search per field
  /// and a checked append per field were a twentieth of reading a workbook's day rows).
  mutating func split(_ a: UnsafePointer<UInt8>, _ n: Int, at delimiter: UInt8) {
    count = 0
    var start = 0
    var i = 0
    while true {
      let full = storage.withUnsafeMutableBufferPointer { s -> Bool in
        // Raw pointers: the buffers' checked subscripts cost as much as the search.
        guard let out = s.baseAddress else { return true }
        let room = s.count
        var k = count
        defer { count = k }
        // Eight bytes a step: each byte equal to the delimiter found at once (it XORs to zero;
        // the high bit of `hits` marks each zero byte exactly, no carry crossing bytes).
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        while i + 8 <= n {
          let w = UInt64(littleEndian: UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self))
          let x = w ^ pattern
          var hits = ~(((x & low7) &+ low7) | x | low7)
          while hits != 0 {
            let j = i + hits.trailingZeroBitCount >> 3
            guard k < room else {
              // Resumed at this delimiter once the storage has grown.
              i = j
              return true
            }
            out[k] = Self.trim(a, start, j)
            k += 1
            start = j + 1
            hits &= hits &- 1
          }
          i += 8
        }
        while i < n {
          if a[i] == delimiter {
            guard k < room else { return true }
            out[k] = Self.trim(a, start, i)
            k += 1
            start = i + 1
          }
          i += 1
        }
        guard k < room else { return true }
        out[k] = Self.trim(a, start, n)
        k += 1
        return false
      }
      guard full else { return }
      // Grown where a field did not fit, then the split goes on from that field.
      storage.append(contentsOf: repeatElement(0..<0, count: max(16, storage.count)))
    }
  }

  /// `from..<to` without the spaces at either end.
  @inline(__always)
  private static func trim(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Range<Int> {
    var (lo, hi) = (from, to)
    while lo < hi, p[lo] == 32 { lo += 1 }
    while hi > lo, p[hi - 1] == 32 { hi -= 1 }
    return Range(uncheckedBounds: (lo, hi))
  }

  /// `r` without the spaces at either end.
  static func trim(_ p: UnsafePointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
    trim(p, r.lowerBound, r.upperBound)
  }

  subscript(i: Int) -> Range<Int> {
    get { storage[i] }
    set { storage[i] = newValue }
  }
}
