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

  subscript(i: Int) -> Range<Int> {
    get { storage[i] }
    set { storage[i] = newValue }
  }
}
