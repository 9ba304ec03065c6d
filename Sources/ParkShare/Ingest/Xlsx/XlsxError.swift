/// Why a workbook cannot be read, and where: the part (`xl/worksheets/sheet1.xml`), and for
/// sheet data the sheet's name and the place (row 7, column C), so a caller can say
/// `file.xlsx: sheet 'Sheet1' C7: a formula without a cached value` and point at the cell.
public struct XlsxError: Error, Equatable, Sendable, CustomStringConvertible {
  public var problem: Problem
  /// The part of the archive (`xl/sharedStrings.xml`), when the problem is in one.
  public var part: String?
  /// The sheet's name, for problems in sheet data.
  public var sheet: String?
  /// The row of sheet data, and the cell's column when one is known.
  public var place: Place?

  public init(_ problem: Problem, part: String? = nil, sheet: String? = nil, place: Place? = nil) {
    self.problem = problem
    self.part = part
    self.sheet = sheet
    self.place = place
  }

  /// A row of a sheet (1-based, as Excel numbers it) and a column in it (0-based: A is 0).
  public struct Place: Equatable, Sendable, CustomStringConvertible {
    public var row: Int
    public var column: Int?

    public init(row: Int, column: Int? = nil) {
      self.row = row
      self.column = column
    }

    /// `C7`, or `7` for a row.
    public var description: String { (column.map(XlsxCell.letters) ?? "") + "\(row)" }
  }

  public enum Problem: Equatable, Sendable {
    /// The archive itself (its entry, if any, is in the `ZipError`).
    case archive(ZipError)
    /// No workbook part (`xl/workbook.xml`): not a spreadsheet.
    case notAWorkbook
    /// A part the workbook's relationships name is not in the archive.
    case missingPart(String)
    /// The workbook lists no sheets.
    case noSheets
    /// No sheet of that name; the names there are.
    case noSuchSheet(String, available: [String])
    /// The sheet is a chart sheet (or another kind), not a worksheet.
    case notAWorksheet(String)
    /// XML that is not well formed (what was expected).
    case malformedXML(String)
    /// A DOCTYPE: OOXML parts have none, and entity definitions are how XML bombs work.
    case doctype
    /// An entity other than the five XML defines and character references.
    case unknownEntity(String)
    /// Text that is not UTF-8.
    case notUTF8
    /// A tag or a text run longer than `XlsxLimits.maxToken` bytes.
    case tokenTooLong(limit: Int)
    /// Shared strings over `XlsxLimits.maxSharedStrings` bytes (they are held in memory).
    case sharedStringsTooLarge(limit: Int)
    /// A cell reference that is not a column and a row within Excel's bounds.
    case badCellReference(String)
    /// A row number (`<row r="...">`) that is not 1 to 1,048,576.
    case badRowNumber(String)
    /// A row number not after the row before it.
    case rowOutOfOrder(Int, after: Int)
    /// A cell not to the right of the cell before it in its row.
    case columnOutOfOrder
    /// A cell whose reference names another row than the one it is in.
    case cellOutsideRow(Int)
    /// A formula with no cached value: the generator did not calculate it.
    case formulaWithoutValue
    /// A shared-string index that is not one.
    case badSharedStringIndex(String)
    /// A number cell whose text is not a number.
    case badNumber(String)
    /// A boolean cell other than 0 or 1.
    case badBoolean(String)
    /// A cell type (`t`) other than n, s, str, inlineStr, b, e, d.
    case unknownCellType(String)
    /// A date serial that is not a number of days in the date system's range.
    case badDateSerial(String)
  }

  public var description: String {
    var at: [String] = []
    if let sheet { at.append("sheet '\(sheet)'") } else if let part { at.append(part) }
    if let place { at.append("\(place)") }
    return (at.isEmpty ? "" : at.joined(separator: " ") + ": ") + problem.words
  }
}

extension XlsxError.Problem {
  var words: String {
    switch self {
    case .archive(let e): e.words
    case .notAWorkbook: "no workbook part (xl/workbook.xml): not a spreadsheet"
    case .missingPart(let p): "part \(p) is named by the workbook but not in the archive"
    case .noSheets: "the workbook has no sheets"
    case .noSuchSheet(let n, let all): "no sheet '\(n)' (sheets: \(all.joined(separator: ", ")))"
    case .notAWorksheet(let n): "sheet '\(n)' is not a worksheet"
    case .malformedXML(let what): "malformed XML: \(what)"
    case .doctype: "a DOCTYPE, which workbook parts never have"
    case .unknownEntity(let e): "unknown entity &\(e);"
    case .notUTF8: "text that is not UTF-8"
    case .tokenTooLong(let limit): "a tag or text longer than \(limit) bytes"
    case .sharedStringsTooLarge(let limit): "shared strings over \(limit) bytes"
    case .badCellReference(let r): "bad cell reference '\(r)'"
    case .badRowNumber(let r): "bad row number '\(r)' (rows are 1 to 1048576)"
    case .rowOutOfOrder(let r, let after): "row \(r) after row \(after)"
    case .columnOutOfOrder: "a cell left of (or at) the cell before it"
    case .cellOutsideRow(let r): "a cell of row \(r) inside another row"
    case .formulaWithoutValue:
      "a formula without a cached value (the file was not calculated; open and save it in Excel)"
    case .badSharedStringIndex(let i): "shared string \(i) does not exist"
    case .badNumber(let t): "'\(t)' is not a number"
    case .badBoolean(let t): "'\(t)' is not a boolean (0 or 1)"
    case .unknownCellType(let t): "unknown cell type '\(t)'"
    case .badDateSerial(let t): "'\(t)' is not a date serial"
    }
  }
}
