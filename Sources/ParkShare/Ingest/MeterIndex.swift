/// Meter ids to registry positions, looked up by raw bytes: the readings reader resolves one id
/// per row and must not build a `String` for it. Open addressing over FNV-1a hashes; the table is
/// built once per bundle and only read afterwards, so workers share it.
struct MeterIndex: Sendable {
  private let bytes: [UInt8]
  private let starts: [Int]
  private let slots: [Int32]
  private let mask: Int

  init(_ ids: [String]) {
    var bytes: [UInt8] = []
    var starts: [Int] = [0]
    for id in ids {
      bytes += Array(id.utf8)
      starts.append(bytes.count)
    }
    var capacity = 16
    while capacity < ids.count * 2 { capacity *= 2 }
    var slots = [Int32](repeating: -1, count: capacity)
    let mask = capacity - 1
    for (n, id) in ids.enumerated() {
      var h = Int(truncatingIfNeeded: MeterIndex.hash(Array(id.utf8))) & mask
      while slots[h] >= 0 { h = (h + 1) & mask }
      slots[h] = Int32(n)
    }
    self.bytes = bytes
    self.starts = starts
    self.slots = slots
    self.mask = mask
  }

  static func hash(_ key: some Sequence<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  /// The position of the meter whose id is `key`, or nil for an unknown id.
  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    var h = Int(truncatingIfNeeded: MeterIndex.hash(key)) & mask
    while true {
      let n = Int(slots[h])
      if n < 0 { return nil }
      if matches(n, key) { return n }
      h = (h + 1) & mask
    }
  }

  /// Whether meter `n`'s id is exactly `key`. Ids are short: compared eight bytes at a time
  /// rather than through a call to memcmp.
  func matches(_ n: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[n]
    let count = key.count
    guard starts[n + 1] - start == count else { return false }
    return bytes.withUnsafeBufferPointer { all in
      guard count > 0, let k = key.baseAddress, let b = all.baseAddress else { return true }
      let stored = UnsafeRawPointer(b + start)
      let wanted = UnsafeRawPointer(k)
      var i = 0
      while i + 8 <= count {
        if stored.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          != wanted.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        {
          return false
        }
        i += 8
      }
      while i < count {
        if stored.load(fromByteOffset: i, as: UInt8.self)
          != wanted.load(fromByteOffset: i, as: UInt8.self)
        {
          return false
        }
        i += 1
      }
      return true
    }
  }
}
