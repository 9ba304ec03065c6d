/// The bounds a ZIP archive is read within, so a hostile file (a zip bomb) costs bounded time
/// and memory. The defaults are Apache POI's (`org.apache.poi.openxml4j.util.ZipSecureFile`:
/// MIN_INFLATE_RATIO 0.01, GRACE_ENTRY_SIZE 100 KiB, MAX_ENTRY_SIZE 0xFFFFFFFF,
/// MAX_FILE_COUNT 1000), which Excel-produced workbooks have long been read within.
public struct ZipLimits: Sendable, Equatable {
  /// At most this many entries in the archive.
  public var maxEntries = 1000
  /// An entry expands to at most this many bytes (4 GiB - 1: without ZIP64 no size is larger).
  public var maxEntrySize = 0xFFFF_FFFF
  /// An entry expands to at most this many times its compressed size ...
  public var maxRatio = 100
  /// ... once it is larger than this: small parts may compress far better than 100:1.
  public var ratioGrace = 100 * 1024

  public init() {}

  /// Why an entry of `size` bytes from `compressed` bytes is refused, nil if it is not.
  func refusal(_ entry: String, size: Int, compressed: Int) -> ZipError? {
    if size > maxEntrySize { return .tooLarge(entry: entry, size: size, limit: maxEntrySize) }
    if size > ratioGrace && size / max(1, maxRatio) > compressed {
      return .ratioExceeded(entry: entry, size: size, compressed: compressed, limit: maxRatio)
    }
    return nil
  }
}
