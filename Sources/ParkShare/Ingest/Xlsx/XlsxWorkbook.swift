/// A workbook (.xlsx, Office Open XML SpreadsheetML) read for its cell values, without
/// `[Content_Types].xml`: the workbook part (`xl/workbook.xml`, or where `_rels/.rels` points)
/// gives the sheets' names in order and their relationship ids, the workbook's relationships
/// give each sheet's part and the shared strings, which are read once and held; then one
/// sheet's rows stream with `rows(sheet:)`.
///
///     let book = try XlsxWorkbook(path: "readings.xlsx")
///     let rows = try book.rows(sheet: nil)  // the first worksheet
///     while let row = try rows.next() { ... row.number, row.cells ... }
public final class XlsxWorkbook {
  /// The sheets' names, in workbook order (the order of the tabs).
  public let sheetNames: [String]
  /// Dates count days from 1904-01-01 (old Mac Excel) rather than from 1900.
  public let date1904: Bool
  public let limits: XlsxLimits
  let archive: ZipArchive
  /// Per sheet: its part, and whether it is a worksheet (not a chart sheet).
  private let sheets: [(part: String?, worksheet: Bool)]
  let sharedStrings: [String]

  public convenience init(path: String, limits: XlsxLimits = XlsxLimits()) throws(XlsxError) {
    let archive: ZipArchive
    do throws(ZipError) {
      archive = try ZipArchive(path: path, limits: limits.zip)
    } catch {
      throw XlsxError(.archive(error), part: Self.entryName(error))
    }
    try self.init(archive: archive, limits: limits)
  }

  public convenience init(bytes: [UInt8], limits: XlsxLimits = XlsxLimits()) throws(XlsxError) {
    let archive: ZipArchive
    do throws(ZipError) {
      archive = try ZipArchive(bytes: bytes, limits: limits.zip)
    } catch {
      throw XlsxError(.archive(error), part: Self.entryName(error))
    }
    try self.init(archive: archive, limits: limits)
  }

  init(archive: ZipArchive, limits: XlsxLimits) throws(XlsxError) {
    self.archive = archive
    self.limits = limits
    let bookPart = try Self.workbookPart(archive, limits)
    let book = try Self.readWorkbook(archive, bookPart, limits)
    let rels = try Self.relationships(archive, of: bookPart, limits)
    date1904 = book.date1904
    sheetNames = book.sheets.map(\.name)
    sheets = book.sheets.map { sheet in
      guard let rel = rels[sheet.id] else { return (nil, false) }
      return (rel.target, rel.type.hasSuffix("/worksheet"))
    }
    let sharedPart = rels.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
    if let sharedPart, archive.entry(sharedPart) != nil {
      sharedStrings = try Self.readSharedStrings(archive, sharedPart, limits)
    } else {
      sharedStrings = []
    }
  }

  /// The rows of the sheet named `sheet`, or of the first worksheet when nil.
  public func rows(sheet: String?) throws(XlsxError) -> XlsxRows {
    if sheetNames.isEmpty { throw XlsxError(.noSheets, part: "xl/workbook.xml") }
    let index: Int
    if let sheet {
      guard let i = sheetNames.firstIndex(of: sheet) else {
        throw XlsxError(.noSuchSheet(sheet, available: sheetNames))
      }
      index = i
    } else {
      guard let i = sheets.firstIndex(where: \.worksheet) else {
        throw XlsxError(.notAWorksheet(sheetNames[0]))
      }
      index = i
    }
    let name = sheetNames[index]
    guard sheets[index].worksheet, let part = sheets[index].part else {
      throw XlsxError(.notAWorksheet(name))
    }
    // The CRC-32 is taken on the thread that reads the pieces' rows, not on the one that
    // inflates them, the busiest of the three (on the reference sheet, by callgrind: inflating
    // about 3.3 G instructions, its CRC 0.9 G, its rows into lines 1.9 G, the lines into sums
    // 3.5 G).
    let reader = try open(part, chunkSize: limits.pieceSize, checksum: false)
    var checksum = ZipEntryChecksum(reader.entry)
    // The sheet inflates on a thread of its own while its rows are read. Up to 64 pieces
    // (16 MiB) wait: with three threads on two cores, a thread is set aside for a few
    // milliseconds at a time, and the stages after it must have that much work in hand or a
    // core idles (4 pieces kept the cores 1.45 busy on the reference sheet, 64 1.6).
    let pieces = Prefetcher(depth: 64) { () throws(XlsxError) -> [UInt8]? in
      do throws(ZipError) {
        return try reader.next()
      } catch {
        throw XlsxError(.archive(error), part: part, sheet: name)
      }
    }
    let xml = XMLTokenizer(
      location: XlsxError(.notAWorkbook, part: part, sheet: name), maxToken: limits.maxToken
    ) { () throws(XlsxError) -> [UInt8]? in
      guard let piece = try pieces.next() else {
        // At the part's end, as the reader would have: after every piece, before the end.
        do throws(ZipError) {
          try checksum.check()
        } catch {
          throw XlsxError(.archive(error), part: part, sheet: name)
        }
        return nil
      }
      checksum.add(piece)
      return piece
    }
    return try XlsxRows(sheet: name, xml: xml, shared: sharedStrings, date1904: date1904)
  }

  private func open(
    _ part: String, chunkSize: Int = 1 << 18, checksum: Bool = true
  ) throws(XlsxError) -> ZipEntryReader {
    guard let entry = archive.entry(part) else { throw XlsxError(.missingPart(part)) }
    do throws(ZipError) {
      return try archive.open(entry, chunkSize: chunkSize, checksum: checksum)
    } catch {
      throw XlsxError(.archive(error), part: part)
    }
  }

  static func entryName(_ error: ZipError) -> String? {
    switch error {
    case .truncated(let e): e
    case .encrypted(let e), .unsupportedMethod(let e, _), .tooLarge(let e, _, _),
      .ratioExceeded(let e, _, _, _), .sizeMismatch(let e, _, _), .crcMismatch(let e),
      .badLocalHeader(let e), .corrupt(let e, _), .missingEntry(let e), .unsafeName(let e),
      .duplicateName(let e):
      e
    default: nil
    }
  }
}
