/// How a bundle's readings files are laid out, when they are not the plain long CSV
/// (`meter,timestamp,kwh`, UTF-8, offsets on every timestamp): `import.profile`, a small file of
/// `key = value` lines next to the readings (docs/data-format.md, "Import profiles"). Without one,
/// the plain format is read exactly as before.
public struct ImportProfile: Sendable, Equatable {
  public enum Layout: String, Sendable, CaseIterable {
    /// One reading a row: meter, timestamp, energy.
    case long
    /// One row a meter and day: a date, then one column per interval of the day.
    case dayRows = "day-rows"
    /// One cumulative register read a row (电表示数): energy is the difference between reads.
    case register
  }

  /// Where a column is: by its header name, or by its 1-based position.
  public enum Column: Sendable, Equatable {
    case name(String)
    case position(Int)
  }

  public enum Unit: String, Sendable, CaseIterable {
    case wh = "Wh"
    case kwh = "kWh"
    case mwh = "MWh"

    /// Decimal places a value in this unit moves to become kWh: Wh / 1000, MWh x 1000.
    var kWhShift: Int {
      switch self {
      case .wh: -3
      case .kwh: 0
      case .mwh: 3
      }
    }
  }

  public var layout: Layout = .long
  public var encoding: TextEncoding = .utf8
  /// The field separator: `,` `;` or a tab.
  public var delimiter: UInt8 = 44
  /// The decimal separator of numbers: `.` or `,` (then the delimiter may not be `,`).
  public var decimal: UInt8 = 46
  public var unit: Unit = .kwh
  /// Lines above the header (a title, an export date).
  public var skip = 0
  /// Minutes east of UTC of timestamps written without an offset; nil: an offset is required.
  public var zone: Int? = nil
  /// Whether a timestamp names the start or the end of its interval; nil: as the registry says
  /// for each meter.
  public var stampAtEnd: Bool? = nil
  public var meter: Column = .name("meter")
  public var timestamp: Column = .name("timestamp")
  public var value: Column = .name("kwh")
  /// Day rows: the date column and the first of the interval columns (as many as the meter's
  /// registry interval makes a day: 24, 48 or 96).
  public var date: Column = .name("date")
  public var firstInterval: Column = .position(3)
  /// Quality flags (NEM12's codes): in a long file the column of each row's flag, in day rows
  /// the first of one flag column per interval. Empty or `A`: actual; `E`, `S`, `F`: estimated
  /// or substituted by the meter system (read, and counted); `N`: no reading (a gap).
  public var quality: Column? = nil
  /// Register reads: the number of digits the register shows; a read below the previous one is
  /// a rollover only when the register is this wide.
  public var digits: Int? = nil
  /// Workbooks: the sheet read; nil: the first.
  public var sheet: String? = nil
  /// How short gaps of this bundle's readings are filled, where the contract has no `estimate`
  /// line: nil, not said; `.some(nil)`, `estimate = none`.
  public var estimate: Estimation?? = nil
  /// Whether `"` quotes fields (CSV text); a workbook's row, whose cells are already apart, has
  /// no quoting: a `"` in a cell is text.
  var quotes = true
  /// The line each key was given on (for problems found once the readings files are known).
  var keyLines: [String: Int] = [:]

  public init() {}

  /// The file name a bundle's profile has.
  public static let fileName = "import.profile"
}
