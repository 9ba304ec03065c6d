/// An entry's CRC-32 taken piece by piece as its bytes are read, and checked at their end
/// against the one the archive's directory declares.
struct ZipEntryChecksum {
  let entry: ZipEntry
  private var crc = CRC32.start

  init(_ entry: ZipEntry) { self.entry = entry }

  mutating func add(_ piece: [UInt8]) {
    crc = piece.withUnsafeBufferPointer { CRC32.update(crc, $0) }
  }

  /// Throws `crcMismatch` unless the bytes added are the entry's.
  func check() throws(ZipError) {
    if CRC32.finish(crc) != entry.crc32 { throw .crcMismatch(entry: entry.name) }
  }
}
