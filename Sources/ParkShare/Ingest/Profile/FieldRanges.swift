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
        while i < n {
          if a[i] == delimiter {
            guard count < s.count else { return true }
            s[count] = Self.trim(a, start..<i)
            count += 1
            start = i + 1
          }
          i += 1
        }
        guard count < s.count else { return true }
        s[count] = Self.trim(a, start..<n)
        count += 1
        return false
      }
      guard full else { return }
      // Grown where a field did not fit, then the split goes on from that field.
      storage.append(contentsOf: repeatElement(0..<0, count: max(16, storage.count)))
    }
  }

  /// `r` without the spaces at either end.
  static func trim(_ p: UnsafePointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
    var (lo, hi) = (r.lowerBound, r.upperBound)
    while lo < hi, p[lo] == 32 { lo += 1 }
    while hi > lo, p[hi - 1] == 32 { hi -= 1 }
    return lo..<hi
  }

  subscript(i: Int) -> Range<Int> {
    get { storage[i] }
    set { storage[i] = newValue }
  }
}
