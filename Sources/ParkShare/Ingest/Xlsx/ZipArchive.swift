/// A ZIP archive (PKWARE APPNOTE 6.3) read from its central directory: entries stored (method
/// 0) or deflated (method 8), each streamed through `Inflater` and checked against its CRC-32
/// and declared size. Refused, each with a `ZipError`: encrypted entries, other methods,
/// ZIP64, several disks, names outside the archive, duplicates, entries past `ZipLimits`
/// (zip bombs) and archives cut short. Everything is checked when the archive is opened,
/// except what only the data can show (CRC, true size, corrupt DEFLATE).
public final class ZipArchive {
  /// The entries in central-directory order.
  public let entries: [ZipEntry]
  public let limits: ZipLimits
  let source: any ZipSource
  private let byName: [String: Int]

  /// Opens the archive at `path` (a regular file; it is read piece by piece, never whole).
  public convenience init(path: String, limits: ZipLimits = ZipLimits()) throws(ZipError) {
    try self.init(source: FileZipSource(path: path), limits: limits)
  }

  /// Opens an archive held in memory.
  public convenience init(bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) {
    try self.init(source: MemoryZipSource(bytes), limits: limits)
  }

  init(source: any ZipSource, limits: ZipLimits) throws(ZipError) {
    self.source = source
    self.limits = limits
    let (count, cdOffset, cdSize) = try Self.endOfCentralDirectory(source)
    if count > limits.maxEntries { throw .tooManyEntries(count: count, limit: limits.maxEntries) }
    let cd = try source.read(at: cdOffset, count: cdSize)
    if cd.count < cdSize { throw .truncated(entry: nil) }
    var entries: [ZipEntry] = []
    var byName: [String: Int] = [:]
    var at = 0
    for _ in 0..<count {
      let entry = try Self.centralEntry(cd, &at, limits: limits)
      guard byName[entry.name] == nil else { throw .duplicateName(entry.name) }
      byName[entry.name] = entries.count
      // The data must lie before the central directory (where the writer put it).
      if entry.localHeaderOffset + 30 + entry.compressedSize > cdOffset {
        throw .truncated(entry: entry.name)
      }
      entries.append(entry)
    }
    self.entries = entries
    self.byName = byName
  }

  public func entry(_ name: String) -> ZipEntry? { byName[name].map { entries[$0] } }

  /// Streams the entry's bytes, piece by piece (at most `chunkSize` each).
  public func open(
    _ entry: ZipEntry, chunkSize: Int = 1 << 18, checksum: Bool = true
  ) throws(ZipError) -> ZipEntryReader {
    try ZipEntryReader(self, entry, chunkSize: chunkSize, checksum: checksum)
  }

  /// The whole entry `name`, for parts that are held anyway; refused past `maxBytes`.
  public func read(_ name: String, maxBytes: Int) throws(ZipError) -> [UInt8] {
    guard let entry = entry(name) else { throw .missingEntry(name) }
    if entry.size > maxBytes { throw .tooLarge(entry: name, size: entry.size, limit: maxBytes) }
    let reader = try open(entry)
    var all: [UInt8] = []
    while let piece = try reader.next() { all += piece }
    return all
  }

  // MARK: the directory

  /// Finds the end-of-central-directory record: the last 22 bytes, or up to a 65,535-byte
  /// comment before them; its comment length must reach exactly to the end of the file.
  private static func endOfCentralDirectory(_ source: any ZipSource) throws(ZipError)
    -> (count: Int, offset: Int, size: Int)
  {
    let tailStart = max(0, source.size - (22 + 0xFFFF))
    let tail = try source.read(at: tailStart, count: source.size - tailStart)
    var p = tail.count - 22
    while p >= 0 {
      if tail[p] == 0x50 && tail[p + 1] == 0x4B && tail[p + 2] == 5 && tail[p + 3] == 6
        && p + 22 + tail.le16(p + 20) == tail.count
      {
        break
      }
      p -= 1
    }
    guard p >= 0 else { throw .notAZip }
    // A ZIP64 end-of-central-directory locator sits just before the record.
    if p >= 20 && tail.le32(p - 20) == 0x0706_4b50 { throw .zip64 }
    let disk = tail.le16(p + 4)
    let cdDisk = tail.le16(p + 6)
    let onDisk = tail.le16(p + 8)
    let count = tail.le16(p + 10)
    let size = tail.le32(p + 12)
    let offset = tail.le32(p + 16)
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64 }
    if disk != 0 || cdDisk != 0 || onDisk != count { throw .multiDisk }
    let recordAt = tailStart + p
    if offset + size > recordAt { throw .truncated(entry: nil) }
    return (count, offset, size)
  }

  private static func centralEntry(_ cd: [UInt8], _ at: inout Int, limits: ZipLimits)
    throws(ZipError) -> ZipEntry
  {
    guard at + 46 <= cd.count, cd.le32(at) == 0x0201_4b50 else { throw .badCentralDirectory }
    let flags = cd.le16(at + 8)
    let method = cd.le16(at + 10)
    let crc = UInt32(cd.le32(at + 16))
    let compressed = cd.le32(at + 20)
    let size = cd.le32(at + 24)
    let nameLength = cd.le16(at + 28)
    let extraLength = cd.le16(at + 30)
    let commentLength = cd.le16(at + 32)
    let disk = cd.le16(at + 34)
    let offset = cd.le32(at + 42)
    let end = at + 46 + nameLength + extraLength + commentLength
    guard end <= cd.count else { throw .badCentralDirectory }
    let name = String(decoding: cd[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
    at = end
    if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF || disk == 0xFFFF {
      throw .zip64
    }
    if disk != 0 { throw .multiDisk }
    if !Self.isSafe(name) { throw .unsafeName(name) }
    if flags & 0x41 != 0 { throw .encrypted(entry: name) }
    if method != 0 && method != 8 { throw .unsupportedMethod(entry: name, method: method) }
    if method == 0 && compressed != size {
      throw .sizeMismatch(entry: name, declared: size, actual: compressed)
    }
    if let refusal = limits.refusal(name, size: size, compressed: compressed) { throw refusal }
    return ZipEntry(
      name: name, method: method, crc32: crc, compressedSize: compressed, size: size,
      localHeaderOffset: offset)
  }

  /// A name stays inside the archive's folder: relative, no `..` part, no drive, no NUL.
  static func isSafe(_ name: String) -> Bool {
    if name.isEmpty || name.hasPrefix("/") || name.hasPrefix("\\") { return false }
    if name.contains("\0") { return false }
    let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
    if parts.contains("..") { return false }
    if let first = parts.first, first.count >= 2, first.dropFirst().first == ":" { return false }
    return true
  }
}
