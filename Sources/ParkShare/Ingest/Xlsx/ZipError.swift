/// Why a ZIP archive (or one of its entries) is refused. Each names the entry it is about, when
/// it is about one, so the caller can say where.
public enum ZipError: Error, Equatable, Sendable {
  /// The file cannot be opened or read, or is not a regular file (words from `RegularFile`).
  case unreadable(String)
  /// No end-of-central-directory record: not a ZIP archive, or cut short.
  case notAZip
  /// A record points past the end of the file: the archive was cut short.
  case truncated(entry: String?)
  /// A central-directory record that is not one (bad signature, bad lengths).
  case badCentralDirectory
  /// An archive split over several disks.
  case multiDisk
  /// ZIP64 records (archives or entries of 4 GiB and more, or over 65,535 entries).
  case zip64
  /// More entries than `ZipLimits.maxEntries`.
  case tooManyEntries(count: Int, limit: Int)
  /// A name that would land outside the archive's folder (`..`, an absolute path, a drive).
  case unsafeName(String)
  /// Two entries of the same name: which one a reader takes is not defined.
  case duplicateName(String)
  /// An encrypted entry (general-purpose flag bit 0 or 6).
  case encrypted(entry: String)
  /// A compression method other than stored (0) and deflate (8).
  case unsupportedMethod(entry: String, method: Int)
  /// An entry larger than `ZipLimits.maxEntrySize` (declared, or found while inflating).
  case tooLarge(entry: String, size: Int, limit: Int)
  /// An entry that expands more than `ZipLimits.maxRatio` times its compressed size.
  case ratioExceeded(entry: String, size: Int, compressed: Int, limit: Int)
  /// The size the directory declares is not what the entry holds (`actual` may be a lower
  /// bound: reading stops as soon as it passes the declared size).
  case sizeMismatch(entry: String, declared: Int, actual: Int)
  /// The entry's bytes do not have the CRC-32 the directory declares.
  case crcMismatch(entry: String)
  /// The local header of an entry is missing or disagrees with the directory.
  case badLocalHeader(entry: String)
  /// The entry's DEFLATE data is corrupt.
  case corrupt(entry: String, InflateError)
  /// No entry of that name.
  case missingEntry(String)
}
