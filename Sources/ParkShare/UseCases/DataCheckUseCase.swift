import Foundation

/// `data check`: a bundle's meter data validated without a contract, before anyone settles it:
/// the registry, every row (as `revenue` reads them, through the bundle's import profile), and
/// per meter its gaps, spikes and flat lines, each named at its file and row.
public enum DataCheckUseCase {
  public struct Request: Sendable {
    public var directory: String
    public var period: Period
    public var limits: MeterFindings.Limits
    public var threads: Int

    public init(
      directory: String, period: Period, limits: MeterFindings.Limits = .init(), threads: Int = 2
    ) {
      self.directory = directory
      self.period = period
      self.limits = limits
      self.threads = threads
    }
  }

  public struct Report: Sendable {
    public var directory: String
    public var period: Period
    public var files: [String]
    public var rows: Int
    public var meters: [MeterFindings]
  }

  public static func run(_ request: Request) -> UseCaseOutcome<Report> {
    var diagnostics: [Diagnostic] = []
    var sources: [SourceFile] = []
    let dir =
      request.directory.hasSuffix("/") ? String(request.directory.dropLast()) : request.directory
    let files = DataBundle.findReadings(dir)
    let (profile, profileOK) = DataBundle.loadProfile(
      dir, readings: files, &diagnostics, &sources)
    guard
      let sheet = CSVSheet.load(
        dir + "/meters.csv", required: ["meter", "kind", "interval"],
        optional: ["party", "stamp", "asset"], diagnostics: &diagnostics, sources: &sources)
    else { return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources) }
    let registry = MeterRegistry.read(sheet, contract: nil)
    diagnostics += registry.diagnostics
    let meters = registry.meters
    let replacements = DataBundle.loadReplacements(
      dir, profile: profile, meters: meters, period: request.period, &diagnostics, &sources)
    guard profileOK, !files.isEmpty else {
      if files.isEmpty {
        diagnostics.append(
          .error(
            .missingFile, "no readings in '\(dir)'", at: sheet.at(1),
            hint: "put the interval readings in readings.csv (or readings-*.csv, or readings/*.csv)"
          ))
      }
      return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources)
    }
    // Gaps are findings here, not a policy's errors: read as if every gap were 0 kWh.
    let out = ReadingsReader.read(
      files: files, meters: meters, period: request.period, gaps: .zero(limit: nil),
      profile: profile, replacements: replacements, registry: sheet,
      refusedMeters: registry.refused, threads: request.threads, keepValues: true)
    diagnostics += out.diagnostics.filter { $0.id != .gap }
    guard let tally = out.tally, let layout = out.layout else {
      return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources)
    }
    let findings = meters.indices.map {
      MeterFindings.of(
        $0, meter: meters[$0], tally: tally, layout: layout, limits: request.limits)
    }
    diagnostics += describe(
      findings, layout: layout, files: files, period: request.period, profile: profile,
      replacements: replacements, limits: request.limits, at: sheet)
    let report = Report(
      directory: dir, period: request.period, files: files, rows: out.rows, meters: findings)
    return UseCaseOutcome(report, diagnostics: diagnostics, sources: sources)
  }

  /// Spikes and flat lines as warnings at the row that read them; gaps at the meter's line of
  /// the registry. At most `shown` of each kind per meter, then a count.
  static func describe(
    _ findings: [MeterFindings], layout: ReadingsLayout, files: [String], period: Period,
    profile: ImportProfile?,
    replacements: [Int: [MeterReplacement]], limits: MeterFindings.Limits, at sheet: CSVSheet
  ) -> [Diagnostic] {
    let shown = 5
    func key(_ m: Int, _ start: Int) -> Int {
      m << 32 | (start - layout.start) / layout.interval[m]
    }
    var wanted = Set<Int>()
    for (m, f) in findings.enumerated() {
      for s in f.spikes.prefix(shown) { wanted.insert(key(m, s.start)) }
      for s in f.flats.prefix(shown) { wanted.insert(key(m, s.start)) }
    }
    let rows = ReadingsReader.rows(
      of: wanted, files: files, meters: findings.map(\.meter), period: period, profile: profile,
      replacements: replacements)
    func place(_ m: Int, _ start: Int) -> SourceRange {
      guard let r = rows[key(m, start)] else { return sheet.at(findings[m].meter.line) }
      return SourceRange(
        file: r.file, start: .init(line: r.line, column: 1), end: .init(line: r.line, column: 1))
    }
    var out: [Diagnostic] = []
    for (m, f) in findings.enumerated() {
      let id = f.meter.id
      let median = f.median
      for s in f.spikes.prefix(shown) {
        out.append(
          .warning(
            .spike,
            "meter '\(id)' reads \(MeterSums.kWh(s.micro)) kWh in the interval from \(Timestamp.text(parkMinutes: s.start)), more than \(limits.spikeFactor)x its median of \(median) kWh",
            at: place(m, s.start),
            hint: "check the unit and the meter; a true peak can stay"))
      }
      if f.spikes.count > shown {
        out.append(
          .warning(
            .spike,
            "meter '\(id)': \(f.spikes.count - shown) more spike\(f.spikes.count - shown == 1 ? "" : "s")",
            at: sheet.at(f.meter.line), hint: "\(f.spikes.count) in all"))
      }
      for s in f.flats.prefix(shown) {
        out.append(
          .warning(
            .flatLine,
            "meter '\(id)' reads \(MeterSums.kWh(s.micro)) kWh in each of \(s.count) intervals from \(Timestamp.text(parkMinutes: s.start))",
            at: place(m, s.start),
            hint: "a stuck meter or values filled in by hand repeat; a steady load can too"))
      }
      if f.flats.count > shown {
        out.append(
          .warning(
            .flatLine,
            "meter '\(id)': \(f.flats.count - shown) more flat line\(f.flats.count - shown == 1 ? "" : "s")",
            at: sheet.at(f.meter.line), hint: "\(f.flats.count) in all"))
      }
      if f.missing > 0 {
        let runs = f.gaps.prefix(3).map {
          $0.count == 1
            ? Timestamp.text(parkMinutes: $0.start)
            : "\(Timestamp.text(parkMinutes: $0.start)) (\($0.count) intervals)"
        }
        out.append(
          .warning(
            .gap,
            "meter '\(id)' misses \(f.missing) of \(f.intervals) intervals: from \(runs.joined(separator: ", "))\(f.gaps.count > 3 ? " and \(f.gaps.count - 3) more gap\(f.gaps.count == 4 ? "" : "s")" : "")",
            at: sheet.at(f.meter.line),
            hint: "a contract settles gaps only as its 'gaps' rule says (docs/data-format.md)"))
      }
    }
    return out
  }
}
