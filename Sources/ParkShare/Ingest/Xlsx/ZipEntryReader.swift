/// The bytes of one entry, piece by piece: compressed data read in 64 KiB pieces, inflated (or
/// copied, if stored), counted against the declared size and the limits as they come, and
/// checked against the CRC-32 at the end. A bomb whose header lies about its size is stopped
/// as soon as its output passes the declared size.
public final class ZipEntryReader {
  public let entry: ZipEntry
  private let feed: CompressedFeed
  /// Nil for a stored entry, whose pieces are its bytes.
  private let inflater: Inflater?
  private var produced = 0
  /// Nil when the caller takes the CRC-32 where it reads the pieces (`checksum: false`).
  private var checksum: ZipEntryChecksum?
  private var finished = false

  init(_ archive: ZipArchive, _ entry: ZipEntry, chunkSize: Int, checksum: Bool) throws(ZipError) {
    self.entry = entry
    self.checksum = checksum ? ZipEntryChecksum(entry) : nil
    let header = try archive.source.read(at: entry.localHeaderOffset, count: 30)
    guard header.count == 30 else { throw .truncated(entry: entry.name) }
    guard header.le32(0) == 0x0403_4b50, header.le16(8) == entry.method else {
      throw .badLocalHeader(entry: entry.name)
    }
    let dataStart = entry.localHeaderOffset + 30 + header.le16(26) + header.le16(28)
    let dataEnd = dataStart + entry.compressedSize
    if dataEnd > archive.source.size { throw .truncated(entry: entry.name) }
    let feed = CompressedFeed(archive.source, from: dataStart, to: dataEnd)
    self.feed = feed
    inflater = entry.method == 0 ? nil : Inflater(chunkSize: chunkSize) { feed.next() }
  }

  /// The next piece of the entry, or nil at its end (after its size and, unless the caller
  /// takes it, its CRC have been checked).
  public func next() throws(ZipError) -> [UInt8]? {
    if finished { return nil }
    let piece = try nextPiece()
    if let error = feed.error { throw error }
    guard let piece else {
      finished = true
      if produced != entry.size {
        throw .sizeMismatch(entry: entry.name, declared: entry.size, actual: produced)
      }
      try checksum?.check()
      return nil
    }
    produced += piece.count
    if produced > entry.size {
      throw .sizeMismatch(entry: entry.name, declared: entry.size, actual: produced)
    }
    checksum?.add(piece)
    return piece
  }

  private func nextPiece() throws(ZipError) -> [UInt8]? {
    guard let inflater else {
      let piece = feed.next()
      return piece.isEmpty ? nil : piece
    }
    do throws(InflateError) {
      return try inflater.next()
    } catch {
      if let readError = feed.error { throw readError }
      throw error == .truncated
        ? .truncated(entry: entry.name) : .corrupt(entry: entry.name, error)
    }
  }
}

/// An entry's compressed bytes in 64 KiB pieces; an empty piece at their end. A read error
/// ends the pieces too (the inflater knows only of input that stops) and is kept for the
/// reader to throw.
final class CompressedFeed {
  private let source: any ZipSource
  private var at: Int
  private let end: Int
  private(set) var error: ZipError?

  init(_ source: any ZipSource, from: Int, to: Int) {
    self.source = source
    at = from
    end = to
  }

  func next() -> [UInt8] {
    let n = min(1 << 16, end - at)
    if n <= 0 || error != nil { return [] }
    do throws(ZipError) {
      let piece = try source.read(at: at, count: n)
      at += piece.count
      return piece
    } catch {
      self.error = error
      return []
    }
  }
}
