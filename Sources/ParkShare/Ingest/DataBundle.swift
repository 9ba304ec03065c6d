import Dispatch
import Foundation

/// A period's data bundle: one directory holding the meter registry (`meters.csv`), the interval
/// readings (`readings*.csv`, or any `.csv` in a `readings/` folder) and the other facts
/// (`facts.csv`). docs/data-format.md describes each file.
public struct DataBundle: Sendable {
  public var period: Period
  public var directory: String
  public var meters: [RegisteredMeter]
  /// Nil when the contract reads no meters.
  public var sums: MeterSums?
  public var facts: Facts
  /// The interval price series (`prices.csv`) of the contract's `every N minutes` inputs.
  public var prices = IntervalPrices()
  /// Demand-response events and the working-day calendar, for `reduction(...)`.
  public var events = DemandEvents()
  /// Readings of the days before the period, for demand-response baselines (`lookback.csv`).
  public var lookback = LookbackReadings()
  public var readingFiles: [String]
  public var rows: Int
  public var bytes: Int
  /// Every file of the bundle with its digest, when `load` was asked for them.
  public var digests: [FileDigest]
  /// What readings count for, by meter kind: 1 (or absent) for real data; a projection scales a
  /// settled period's readings to a later one (docs/negotiation.md).
  public var scale: [MeterKind: Exact] = [:]
  /// The line of the `estimate` rule that filled this bundle's gaps: the contract's, or the
  /// import profile's where the contract has none. Nil when no rule applies.
  public var estimatedBy: SourceRange? = nil
  /// Bytes read from the readings files to load this bundle, their digests included (0 when
  /// another variant's read was reused): a test holds the one-pass design to it. A second pass
  /// naming problem rows or reading a gap's neighbours is not counted.
  public var readingsBytesRead = 0

  /// This bundle as the data of `period` in a projection: readings scaled by meter kind, and the
  /// given facts.
  public func projected(to period: Period, scale: [MeterKind: Exact], facts: Facts) -> DataBundle {
    var b = self
    b.period = period
    b.scale = scale
    b.facts = facts
    return b
  }

  /// Bytes of readings a thread reads at a time: large enough that a thread's work dwarfs
  /// scheduling, small enough that threads share a quarter's file evenly and buffers stay small.
  public static let defaultChunkSize = 8 << 20

  static let requiredFiles = "meters.csv, facts.csv and readings*.csv (or a readings/ folder)"

  public struct Loaded: Sendable {
    public var bundle: DataBundle?
    public var diagnostics: [Diagnostic]
    /// The small files read, so diagnostics can quote their lines.
    public var sources: [SourceFile]
  }

  /// Why `period` cannot be settled under `contract`, or nil when it can.
  public static func problem(with period: Period, in contract: Contract) -> String? {
    if period.length != contract.frequency {
      return
        "'\(contract.id)' settles \(contract.frequency.frequencyWord): \(period) is not a \(contract.frequency.rawValue)"
    }
    if period < contract.term.from || contract.term.to < period {
      return
        "\(period) is outside the term of '\(contract.id)' (\(contract.term.from) to \(contract.term.to))"
    }
    return nil
  }

  /// Reads and checks every file of the bundle in `directory` for `period`. Every problem of
  /// every file is reported; the bundle is returned only when there are no errors. `threads`
  /// and `chunkSize` change how readings are read, never what they add up to.
  public static func load(
    directory: String, contract: Contract, period: Period,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    chunkSize: Int = DataBundle.defaultChunkSize, digests: Bool = false
  ) -> Loaded {
    load(
      directory: directory, contract: contract, period: period, threads: threads,
      chunkSize: chunkSize, digests: digests, reuse: nil, afterReading: {})
  }

  /// The bundle in `directory` loaded for each of several contracts (variants of one deal),
  /// its readings read once for all variants that read them the same way (`ReadingsReuse`);
  /// the small files (registry, facts, profile) are read for each, as each contract checks them.
  public static func load(
    directory: String, contracts: [Contract], period: Period,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    chunkSize: Int = DataBundle.defaultChunkSize, digests: Bool = false
  ) -> [Loaded] {
    let reuse = ReadingsReuse()
    return contracts.map { contract in
      load(
        directory: directory, contract: contract, period: period, threads: threads,
        chunkSize: chunkSize, digests: digests, reuse: reuse, afterReading: {})
    }
  }

  /// `load`, with `afterReading` run once every file has been read: a test changes a file there
  /// to show the change is caught.
  static func load(
    directory: String, contract: Contract, period: Period, threads: Int, chunkSize: Int,
    digests: Bool, reuse: ReadingsReuse? = nil, afterReading: () -> Void
  ) -> Loaded {
    var diagnostics: [Diagnostic] = []
    var sources: [SourceFile] = []
    let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
      let range = SourceRange.whole(dir)
      return Loaded(
        bundle: nil,
        diagnostics: [
          .error(
            .missingFile, "no data bundle directory '\(dir)'", at: range,
            hint: "a bundle is a directory with \(requiredFiles)")
        ], sources: [])
    }
    // Every file is stamped before it is read and checked after: a file replaced, grown,
    // truncated or removed while parkshare read it would make the sums and the digests disagree.
    let readingFiles = findReadings(dir)
    let profilePath = dir + "/" + ImportProfile.fileName
    let hasProfile = FileManager.default.fileExists(atPath: profilePath)
    let replacementsPath = dir + "/" + MeterReplacement.fileName
    let hasReplacements = FileManager.default.fileExists(atPath: replacementsPath)
    let pricesPath = dir + "/" + IntervalPrices.fileName
    let needsPrices = contract.inputs.contains { $0.interval != nil }
    let hasPrices = needsPrices || FileManager.default.fileExists(atPath: pricesPath)
    let eventsPath = dir + "/" + DemandEvents.eventsFile
    let calendarPath = dir + "/" + DemandEvents.calendarFile
    let hasEvents =
      contract.usesEvents || FileManager.default.fileExists(atPath: eventsPath)
    let hasCalendar = FileManager.default.fileExists(atPath: calendarPath)
    let lookbackPath = dir + "/" + LookbackReadings.fileName
    let hasLookback = FileManager.default.fileExists(atPath: lookbackPath)
    let present: [(Bool, String)] = [
      (hasProfile, profilePath), (hasReplacements, replacementsPath), (hasPrices, pricesPath),
      (hasEvents, eventsPath), (hasCalendar, calendarPath), (hasLookback, lookbackPath),
    ]
    let extras: [String] = present.filter(\.0).map(\.1)
    let stamped = ["meters.csv", "facts.csv"].map { dir + "/" + $0 } + readingFiles + extras
    let stamps = stamped.map(FileStamp.init(path:))
    // facts.csv holds the values of the contract's inputs: without inputs (or with price
    // series only, which prices.csv holds) it may be left out.
    let factsOptional =
      contract.inputs.allSatisfy { $0.interval != nil }
      && !FileManager.default.fileExists(atPath: dir + "/facts.csv")
    let factsSheet =
      factsOptional
      ? nil
      : CSVSheet.load(
        dir + "/facts.csv", required: Facts.columns, optional: Facts.optionalColumns,
        diagnostics: &diagnostics, sources: &sources)
    var facts = Facts()
    if let factsSheet {
      facts = Facts.read(factsSheet, contract: contract, period: period, diagnostics: &diagnostics)
    }
    // Every file hashed once: the CSV readings by their reader, the rest meanwhile.
    let hashing =
      digests
      ? BundleDigests(
        files: ["facts.csv", "meters.csv"].map { dir + "/" + $0 } + readingFiles + extras,
        readings: readingFiles) : nil
    var readingsDigests: [String: String] = [:]
    var readingsBytesRead = 0
    var readerOpened: Set<String> = []
    // How the readings are laid out, when they are not the plain format.
    let (profile, profileOK) = loadProfile(
      dir, readings: readingFiles, contract: contract, &diagnostics, &sources)
    var prices = IntervalPrices()
    if needsPrices, !FileManager.default.fileExists(atPath: pricesPath) {
      let series = contract.inputs.filter { $0.interval != nil }.map(\.id)
      diagnostics.append(
        .error(
          .missingFile,
          "no \(IntervalPrices.fileName) in '\(dir)': the contract's price series \(series.joined(separator: ", ")) are read from it",
          at: .whole(pricesPath),
          hint: "one row an interval: input,timestamp,value (docs/data-format.md, prices.csv)"))
    } else if hasPrices, profileOK,
      let sheet = CSVSheet.load(
        pricesPath, required: IntervalPrices.columns, optional: IntervalPrices.optionalColumns,
        diagnostics: &diagnostics, sources: &sources, encoding: profile?.encoding ?? .utf8)
    {
      prices = IntervalPrices.read(
        sheet, contract: contract, period: period, zone: profile?.zone,
        stampAtEnd: profile?.stampAtEnd ?? false, diagnostics: &diagnostics)
    }
    var events = DemandEvents()
    if contract.usesEvents, !FileManager.default.fileExists(atPath: eventsPath) {
      diagnostics.append(
        .error(
          .missingFile,
          "no \(DemandEvents.eventsFile) in '\(dir)': the contract's reduction(...) reads the period's demand-response events from it",
          at: .whole(eventsPath),
          hint:
            "one row an event: event,day,from,to (docs/data-format.md, events.csv); a header alone for a period without events"
        ))
    } else if contract.usesEvents,
      // Read only by contracts that use them: a bundle shared by several contracts may hold
      // events that only some of them read (the others still stamp and hash the file).
      let sheet = CSVSheet.load(
        eventsPath, required: ["event", "day", "from", "to"], optional: ["note"],
        diagnostics: &diagnostics, sources: &sources)
    {
      let calendar =
        hasCalendar
        ? CSVSheet.load(
          calendarPath, required: ["day", "kind"], optional: ["note"], diagnostics: &diagnostics,
          sources: &sources) : nil
      events = DemandEvents.read(
        events: sheet, calendar: calendar, period: period, diagnostics: &diagnostics)
    }
    var meters: [RegisteredMeter] = []
    var lookback = LookbackReadings()
    var sums: MeterSums? = nil
    var rows = 0
    var bytes = 0
    if contract.meters.isEmpty {
      if !readingFiles.isEmpty {
        diagnostics.append(
          .warning(
            .unusedReadings,
            "contract '\(contract.id)' reads no meters; \(readingFiles.count) readings file(s) not used",
            at: SourceRange.whole(readingFiles[0])))
      }
    } else if let sheet = CSVSheet.load(
      dir + "/meters.csv", required: ["meter", "kind", "interval"],
      optional: ["party", "stamp", "asset"], diagnostics: &diagnostics, sources: &sources)
    {
      let registry = MeterRegistry.read(sheet, contract: contract)
      meters = registry.meters
      diagnostics += registry.diagnostics
      // Read only by contracts with demand-response events: others stamp and hash the file.
      // lookback.csv is long readings in kWh with a decimal point, whatever layout, unit or
      // separators the profile gives the readings: read any other way it would be off by the
      // unit (Wh as kWh) or misread (register reads as energy). Refused, never guessed.
      let lookbackProfile =
        profile.map { p in
          p.layout != .long || p.unit != .kwh || p.decimal != UInt8(ascii: ".")
            || p.delimiter != UInt8(ascii: ",")
        } ?? false
      if contract.usesEvents, hasLookback, profileOK, lookbackProfile {
        diagnostics.append(
          .error(
            .badProfile,
            "\(LookbackReadings.fileName) is read as long readings (meter,timestamp,kwh) in kWh with a decimal point and commas between fields: the import profile's layout, unit, decimal or delimiter for the readings does not apply to it",
            at: .whole(lookbackPath),
            hint:
              "write \(LookbackReadings.fileName) in kWh, one reading a row (the profile's encoding and time zone do apply)"
          ))
      } else if contract.usesEvents, hasLookback, profileOK,
        let sheet = CSVSheet.load(
          lookbackPath, required: LookbackReadings.columns,
          optional: LookbackReadings.optionalColumns, diagnostics: &diagnostics,
          sources: &sources, encoding: profile?.encoding ?? .utf8)
      {
        lookback = LookbackReadings.read(
          sheet, meters: meters, refused: registry.refused, contract: contract, period: period,
          zone: profile?.zone,
          stampAtEnd: profile?.stampAtEnd ?? false, diagnostics: &diagnostics)
      }
      let replacements = loadReplacements(
        dir, profile: profile, meters: meters, period: period, &diagnostics, &sources)
      if readingFiles.isEmpty {
        diagnostics.append(
          .error(
            .missingFile, "no readings in '\(dir)'", at: sheet.at(1),
            hint: "put the interval readings in readings.csv (or readings-*.csv, or readings/*.csv)"
          ))
      } else if profileOK {
        // Readings are checked even when other files have errors: every file is reported in one
        // run. Rows of meters whose registry line was refused are not reported as unknown.
        let estimation =
          contract.estimationClause == nil ? (profile?.estimate ?? nil) : contract.estimation
        let key = ReadingsReuse.Key(
          files: readingFiles, stamps: (readingFiles + extras).map(FileStamp.init(path:)),
          meters: meters, refused: registry.refused, period: period,
          cuts: contract.cuts(in: period), gaps: contract.gaps, estimation: estimation,
          profile: profile, digests: digests, peaks: contract.peakKinds,
          peaksByMember: contract.peakMemberKinds)
        let out =
          reuse?.output(for: key)
          ?? ReadingsReader.read(
            files: readingFiles, meters: meters, period: period, cuts: key.cuts,
            gaps: contract.gaps, estimation: estimation, profile: profile,
            replacements: replacements, registry: sheet, refusedMeters: registry.refused,
            threads: threads, chunkSize: chunkSize, digests: digests, peaks: key.peaks,
            peaksByMember: key.peaksByMember)
        reuse?.keep(key, out)
        diagnostics += out.diagnostics
        sums = out.sums
        rows = out.rows
        bytes = out.bytes
        readingsDigests = out.digests
        readingsBytesRead = out.bytesRead
        readerOpened = out.opened
      }
    }
    let hashed = hashing?.finish(reader: readingsDigests, opened: readerOpened)
    readingsBytesRead += hashed?.readingsBytesRead ?? 0
    afterReading()
    let allDigests = hashed?.digests ?? []
    let existed = Set(zip(stamped, stamps).filter { $0.1 != nil }.map(\.0))
    for (path, digest) in allDigests where digest == nil && existed.contains(path) {
      diagnostics.append(
        .error(
          .changedFile, "'\(path)' could not be read again to compute its digest",
          at: .whole(path), hint: "check that nothing moves or locks the data while it is settled"))
    }
    for (path, before) in zip(stamped, stamps) where FileStamp(path: path) != before {
      diagnostics.append(
        .error(
          .changedFile,
          before == nil
            ? "'\(path)' appeared while the bundle was read"
            : "'\(path)' changed or disappeared while it was read; nothing was computed from it",
          at: .whole(path),
          hint: "wait until the data is complete (copy it in, then settle), and run again"))
    }
    for path in Set(findReadings(dir)).subtracting(readingFiles).sorted() {
      diagnostics.append(
        .error(
          .changedFile, "'\(path)' appeared while the bundle was read", at: .whole(path),
          hint: "wait until the data is complete (copy it in, then settle), and run again"))
    }
    let ok = !diagnostics.hasErrors
    var bundle = DataBundle(
      period: period, directory: dir, meters: meters, sums: sums, facts: facts,
      readingFiles: readingFiles, rows: rows, bytes: bytes,
      digests: allDigests.compactMap(\.digest))
    bundle.readingsBytesRead = readingsBytesRead
    bundle.prices = prices
    bundle.events = events
    bundle.lookback = lookback
    if contract.estimation != nil {
      bundle.estimatedBy = contract.estimationClause
    } else if contract.estimationClause == nil, profile?.estimate != nil,
      let line = profile?.keyLines["estimate"]
    {
      let path = dir + "/" + ImportProfile.fileName
      bundle.estimatedBy = SourceRange(
        file: path, start: .init(line: line, column: 1), end: .init(line: line, column: 1))
    }
    return Loaded(bundle: ok ? bundle : nil, diagnostics: diagnostics.ordered, sources: sources)
  }

  /// Every file of the bundle in `dir` that `load` reads (registry, facts, import profile,
  /// replacements, interval prices, readings), those that exist.
  public static func files(in dir: String) -> [String] {
    let fm = FileManager.default
    let named = [
      "facts.csv", "meters.csv", ImportProfile.fileName, MeterReplacement.fileName,
      IntervalPrices.fileName, DemandEvents.eventsFile, DemandEvents.calendarFile,
      LookbackReadings.fileName,
    ]
    return (named.map { dir + "/" + $0 } + findReadings(dir)).filter { fm.fileExists(atPath: $0) }
  }

  /// `readings*.csv` in the bundle and every `.csv` under `readings/`, sorted by path.
  static func findReadings(_ dir: String) -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    // Workbooks (.xlsx) are readings too: a platform's export saved by Excel.
    func isReadings(_ name: String) -> Bool { name.hasSuffix(".csv") || name.hasSuffix(".xlsx") }
    for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? []
    where name.hasPrefix("readings") && isReadings(name) {
      out.append(dir + "/" + name)
    }
    let sub = dir + "/readings"
    for name in (try? fm.contentsOfDirectory(atPath: sub)) ?? [] where isReadings(name) {
      out.append(sub + "/" + name)
    }
    return out.sorted()
  }
}

/// What identifies a file's content without reading it: device, inode, size and modification
/// time to the nanosecond. Nil when the file does not exist or is not a regular file (reading
/// it reports that, once).
struct FileStamp: Equatable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var seconds: Int
  var nanoseconds: Int

  init?(path: String) {
    var st = stat()
    guard stat(path, &st) == 0, RegularFile.kind(st.st_mode) == nil else { return nil }
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
    size = Int64(st.st_size)
    seconds = st.st_mtim.tv_sec
    nanoseconds = st.st_mtim.tv_nsec
  }
}
