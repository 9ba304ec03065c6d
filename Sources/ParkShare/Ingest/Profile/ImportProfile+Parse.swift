extension ImportProfile {
  /// The profile in `source`, or every problem of it (each at its line and the value's columns).
  /// Unknown keys, repeated keys and values out of range are errors: a misspelt key would
  /// otherwise be ignored and the readings misread.
  public static func parse(_ source: SourceFile) -> (
    profile: ImportProfile?, diagnostics: [Diagnostic]
  ) {
    var profile = ImportProfile()
    var problems: [Diagnostic] = []
    var seen: [String: Int] = [:]
    for (i, raw) in source.lines.enumerated() {
      let n = i + 1
      var text = Substring(raw)
      if n == 1, text.first == "\u{FEFF}" { text = text.dropFirst() }
      let content = text.prefix { $0 != "#" }
      guard !content.allSatisfy(\.isWhitespace) else { continue }
      func at(_ part: Substring) -> SourceRange {
        let start = raw.distance(from: raw.startIndex, to: part.startIndex) + 1
        return SourceRange(
          file: source.path, start: .init(line: n, column: start),
          end: .init(line: n, column: start + max(part.count, 1)))
      }
      func fail(_ message: String, _ part: Substring, hint: String) {
        problems.append(.error(.badProfile, message, at: at(part), hint: hint))
      }
      guard let eq = content.firstIndex(of: "=") else {
        fail(
          "expected 'key = value'", content.trimmed, hint: "for example: layout = day-rows")
        continue
      }
      let key = content[..<eq].trimmed
      var value = content[content.index(after: eq)...].trimmed
      if value.count >= 2, value.first == "\"", value.last == "\"" {
        value = value.dropFirst().dropLast()
      }
      guard Key(rawValue: String(key)) != nil else {
        let near = Spelling.nearest(String(key), in: Key.allCases.map(\.rawValue))
        fail(
          "unknown key '\(key)'", key,
          hint: near.map { "did you mean '\($0)'?" }
            ?? "keys: \(Key.allCases.map(\.rawValue).joined(separator: ", "))")
        continue
      }
      if let first = seen[String(key)] {
        fail("'\(key)' is given twice (first on line \(first))", key, hint: "keep one")
        continue
      }
      seen[String(key)] = n
      if let problem = profile.set(Key(rawValue: String(key))!, String(value)) {
        fail(problem.message, value, hint: problem.hint)
      }
    }
    if profile.decimal == profile.delimiter {
      let line = seen["decimal"] ?? seen["delimiter"] ?? 1
      problems.append(
        .error(
          .badProfile,
          "the decimal separator and the field separator are both '\(Character(UnicodeScalar(profile.delimiter)))'",
          at: CSVSheet.wholeLine(line, of: source),
          hint: "with decimal = , write delimiter = ; (as Excel does where a comma is the decimal)")
      )
    }
    // A key the layout does not read would be ignored: say so instead.
    let applies: [(Key, [Layout])] = [
      (.digits, [.register]), (.date, [.dayRows]), (.intervals, [.dayRows]),
      (.timestamp, [.long, .register]), (.stamp, [.long]), (.quality, [.long, .dayRows]),
    ]
    for (key, layouts) in applies where !layouts.contains(profile.layout) {
      guard let line = seen[key.rawValue] else { continue }
      problems.append(
        .error(
          .badProfile, "'\(key.rawValue)' does not apply to layout = \(profile.layout.rawValue)",
          at: CSVSheet.wholeLine(line, of: source),
          hint:
            "it goes with layout = \(layouts.map(\.rawValue).joined(separator: " or ")); remove it or change the layout"
        ))
    }
    if profile.layout == .dayRows, profile.zone == nil {
      problems.append(
        .error(
          .badProfile,
          "day rows carry no UTC offset: the profile must say whose clock their dates are on",
          at: CSVSheet.wholeLine(seen["layout"] ?? 1, of: source),
          hint: "add time-zone = +08:00 (China Standard Time)"))
    }
    profile.keyLines = seen
    return (problems.isEmpty ? profile : nil, problems)
  }

  /// Keys that apply to no readings file of the bundle: `sheet` without a workbook; the text
  /// keys (`encoding`, `delimiter`, `decimal`) with workbooks only, whose cells have neither.
  /// Each would be ignored, so each is an error at its line.
  func unused(readings files: [String], in source: SourceFile) -> [Diagnostic] {
    let books = files.filter { $0.hasSuffix(".xlsx") }.count
    var out: [Diagnostic] = []
    func refuse(_ key: Key, _ message: String, hint: String) {
      guard let line = keyLines[key.rawValue] else { return }
      out.append(
        .error(.badProfile, message, at: CSVSheet.wholeLine(line, of: source), hint: hint))
    }
    if books == 0 {
      refuse(
        .sheet, "'sheet' names a workbook's sheet, but the bundle's readings are CSV",
        hint: "remove it, or put the workbook (readings.xlsx) in the bundle")
    }
    if books > 0 && books == files.count {
      for key in [Key.encoding, .delimiter, .decimal] {
        refuse(
          key, "'\(key.rawValue)' is for CSV text; the bundle's readings are workbooks",
          hint: "a workbook's cells are read as they are stored: remove the line")
      }
    }
    return out
  }

  enum Key: String, CaseIterable {
    case layout, encoding, delimiter, decimal, unit, skip
    case timeZone = "time-zone"
    case stamp, meter, timestamp, value, date, intervals, quality, digits, sheet, estimate
  }

  struct Problem: Error {
    var message: String
    var hint: String
  }

  private mutating func set(_ key: Key, _ v: String) -> Problem? {
    func oneOf<T: RawRepresentable & CaseIterable>(_: T.Type) -> T? where T.RawValue == String {
      T.allCases.first { $0.rawValue.lowercased() == v.lowercased() }
    }
    func bad<T: RawRepresentable & CaseIterable>(_: T.Type) -> Problem where T.RawValue == String {
      Problem(
        message: "'\(v)' is not a \(key.rawValue)",
        hint: "one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    switch key {
    case .layout:
      guard let l = oneOf(Layout.self) else { return bad(Layout.self) }
      layout = l
    case .encoding:
      guard let e = TextEncoding(named: v) else {
        return Problem(
          message: "'\(v)' is not an encoding this reads",
          hint: "utf-8 (with or without a byte-order mark) or gb18030 (also written gbk)")
      }
      encoding = e
    case .delimiter:
      switch v.lowercased() {
      case ",", "comma": delimiter = 44
      case ";", "semicolon": delimiter = 59
      case "tab", "\\t": delimiter = 9
      default:
        return Problem(message: "'\(v)' is not a field separator", hint: "one of: , ; tab")
      }
    case .decimal:
      switch v {
      case ".": decimal = 46
      case ",": decimal = 44
      default: return Problem(message: "'\(v)' is not a decimal separator", hint: ". or ,")
      }
    case .unit:
      guard let u = oneOf(Unit.self) else { return bad(Unit.self) }
      unit = u
    case .skip:
      guard let k = Int(v), (0...1000).contains(k) else {
        return Problem(
          message: "'\(v)' is not a number of lines", hint: "the lines above the header, 0 to 1000")
      }
      skip = k
    case .timeZone:
      guard let z = Self.zone(v) else {
        return Problem(
          message: "'\(v)' is not a time zone",
          hint:
            "+08:00 (China Standard Time; also written UTC+8 or Asia/Shanghai) or another offset")
      }
      zone = z
    case .stamp:
      switch v.lowercased() {
      case "start": stampAtEnd = false
      case "end": stampAtEnd = true
      default:
        return Problem(
          message: "'\(v)' is not a stamp",
          hint: "start (a time names the start of its interval) or end (the end, 00:15 ... 24:00)")
      }
    case .meter, .timestamp, .value, .date, .intervals, .quality:
      guard !v.isEmpty else {
        return Problem(message: "no column given", hint: "a header name, or a 1-based number")
      }
      let c: Column = Int(v).map { .position($0) } ?? .name(v)
      if case .position(let p) = c, !(1...10_000).contains(p) {
        return Problem(message: "column \(p) does not exist", hint: "columns count from 1")
      }
      switch key {
      case .meter: meter = c
      case .timestamp: timestamp = c
      case .value: value = c
      case .date: date = c
      case .quality: quality = c
      default: firstInterval = c
      }
    case .digits:
      guard let d = Int(v), (1...18).contains(d) else {
        return Problem(
          message: "'\(v)' is not a register width", hint: "the digits the register shows, 1 to 18")
      }
      digits = d
    case .sheet:
      guard !v.isEmpty else {
        return Problem(message: "no sheet named", hint: "sheet = the tab's name, as Excel shows it")
      }
      sheet = v
    case .estimate:
      // As the contract's `estimate` line says it: none, or a method up to N intervals (in any
      // case, words apart by spaces or tabs, as the other keys' values).
      let words = v.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
      let form = "none, linear up to N or same-weekday up to N (N from 1 to 96)"
      if words == ["none"] {
        estimate = .some(nil)
        return nil
      }
      guard words.count == 4, words[1] == "up", words[2] == "to",
        words[0] == "linear" || words[0] == "same-weekday"
      else { return Problem(message: "'\(v)' is not an estimation rule", hint: form) }
      guard words[3].allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(words[3]),
        (1...96).contains(n)
      else {
        return Problem(
          message: "the most intervals filled in a row is a whole number from 1 to 96",
          hint: "a longer gap is not estimated: it is settled by the contract's 'gaps'")
      }
      estimate = .some(words[0] == "linear" ? .linear(maxRun: n) : .sameWeekday(maxRun: n))
    }
    return nil
  }

  /// Minutes east of UTC: `+08:00`, `+8`, `UTC+8`, `GMT+08:00`, `Z`, `UTC`, or `Asia/Shanghai`
  /// (and China's other zone names, which have one offset all year: China keeps no daylight
  /// saving).
  static func zone(_ text: String) -> Int? {
    var t = Substring(text.trimmingCharacters(in: .whitespaces))
    switch t.lowercased() {
    case "asia/shanghai", "asia/chongqing", "asia/harbin", "asia/urumqi", "prc", "cst",
      "china standard time", "北京时间":
      return 480
    case "z", "utc", "gmt": return 0
    default: break
    }
    for prefix in ["UTC", "GMT", "utc", "gmt"] where t.hasPrefix(prefix) {
      t = t.dropFirst(prefix.count)
    }
    guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
    let parts = t.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count),
      parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
      let h = Int(parts[0]), (0...14).contains(h)
    else { return nil }
    let m = parts.count == 2 ? Int(parts[1]) : 0
    guard let m, (0...59).contains(m) else { return nil }
    return (sign == "-" ? -1 : 1) * (h * 60 + m)
  }
}

extension Substring {
  fileprivate var trimmed: Substring {
    let s = drop { $0 == " " || $0 == "\t" }
    return s.dropLast(s.reversed().prefix { $0 == " " || $0 == "\t" }.count)
  }
}
