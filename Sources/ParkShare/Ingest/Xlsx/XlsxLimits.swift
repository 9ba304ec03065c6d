/// The bounds a workbook is read within (see docs/data-format.md, "Workbooks (.xlsx)").
public struct XlsxLimits: Sendable, Equatable {
  /// The archive's bounds: entries, sizes, expansion ratio.
  public var zip = ZipLimits()
  /// The workbook and its relationships are read whole: at most this many bytes each.
  public var maxPartSize = 16 * 1024 * 1024
  /// Shared strings are held for the whole read: at most this many bytes of text.
  public var maxSharedStrings = 256 * 1024 * 1024
  /// A tag or a run of text between tags: at most this many bytes (a cell holds at most 32,767
  /// characters, which entities can make six times longer).
  public var maxToken = 1024 * 1024
  /// A sheet is inflated and read in pieces of this many bytes (tests make them tiny, so rows
  /// and tokens are cut at every byte).
  var pieceSize = 1 << 18

  public init() {}
}
