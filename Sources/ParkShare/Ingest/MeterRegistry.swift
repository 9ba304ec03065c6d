/// One meter of the bundle's registry (`meters.csv`).
public struct RegisteredMeter: Sendable, Hashable, Encodable {
  public var id: String
  public var kind: MeterKind
  /// The party (or group member) the meter belongs to; nil for a park asset.
  public var party: String?
  /// Minutes per reading: 5, 10, 15, 20, 30 or 60.
  public var interval: Int
  /// Whether a reading's timestamp is the end of its interval (the 96-point 00:15...24:00
  /// convention) rather than the start.
  public var stampAtEnd: Bool
  public var asset: String
  /// `meters.csv:LINE`, for explanations.
  public var row: String

  /// The meter's line in meters.csv.
  var line: Int { Int(row.split(separator: ":").last ?? "1") ?? 1 }
}

/// Reads `meters.csv`: `meter,kind,interval[,party][,stamp][,asset]`.
enum MeterRegistry {
  static let intervals = [5, 10, 15, 20, 30, 60]

  struct Result {
    var meters: [RegisteredMeter]
    var diagnostics: [Diagnostic]
    /// Ids on refused lines: their readings are not reported again as unknown meters.
    var refused: Set<String>
  }

  /// The registry, checked against `contract` (the parties meters belong to, the kinds it
  /// reads); without one (`data check`), only the registry itself is checked.
  static func read(_ sheet: CSVSheet, contract: Contract?) -> Result {
    var meters: [RegisteredMeter] = []
    var diagnostics: [Diagnostic] = []
    var refused = Set(sheet.refusedRows.map { sheet.field($0, "meter") })
    var firstLine: [String: Int] = [:]
    let parties = Set(contract?.parties.map(\.id) ?? [])
    let kinds = MeterKind.allCases.map(\.rawValue)
    let memberSets = Dictionary(
      uniqueKeysWithValues: Set(contract?.meters.compactMap(\.per) ?? []).map { group in
        (group, contract.map { members(of: group, in: $0) } ?? [])
      })
    for row in sheet.rows {
      let at = sheet.at(row.line)
      func bad(
        _ id: DiagnosticID, _ message: String, hint: String? = nil, notes: [Diagnostic.Note] = []
      ) {
        diagnostics.append(.error(id, message, at: at, hint: hint, notes: notes))
        refused.insert(sheet.field(row, "meter"))
      }
      let id = sheet.field(row, "meter")
      guard !id.isEmpty else {
        bad(.badMeter, "the meter id is empty")
        continue
      }
      if let first = firstLine[id] {
        bad(
          .duplicateMeter, "meter '\(id)' is registered twice",
          notes: [.init(message: "first registered here", range: sheet.at(first))])
        continue
      }
      firstLine[id] = row.line
      let kindText = sheet.field(row, "kind")
      guard let kind = MeterKind(rawValue: kindText) else {
        bad(
          .badMeter, "unknown meter kind '\(kindText)' for meter '\(id)'",
          hint: Spelling.nearest(kindText, in: kinds).map { "did you mean '\($0)'?" }
            ?? "one of: \(kinds.joined(separator: ", "))")
        continue
      }
      let intervalText = sheet.field(row, "interval")
      guard let interval = Int(intervalText), intervals.contains(interval) else {
        bad(
          .badMeter, "interval '\(intervalText)' of meter '\(id)' is not a number of minutes",
          hint: "one of \(intervals.map(String.init).joined(separator: ", ")) (minutes per reading)"
        )
        continue
      }
      let stamp = sheet.field(row, "stamp")
      guard ["", "start", "end"].contains(stamp) else {
        bad(
          .badMeter, "stamp '\(stamp)' of meter '\(id)' is neither 'start' nor 'end'",
          hint: "'start' (the default): a timestamp names the start of its interval")
        continue
      }
      let party = sheet.field(row, "party")
      if contract != nil, !party.isEmpty, !parties.contains(party) {
        bad(
          .unknownParty,
          "meter '\(id)' belongs to '\(party)', who is not a party of the contract",
          hint: Spelling.nearest(party, in: parties.sorted()).map { "did you mean '\($0)'?" }
            ?? "use a party id or a registry member id, or leave it empty for a park asset")
        continue
      }
      // A meter read per member must belong to a member of that group.
      if let wanted = contract?.meters.first(where: { $0.kind == kind && $0.per != nil }),
        let group = wanted.per, !(memberSets[group] ?? []).contains(party)
      {
        bad(
          .meterOwner,
          party.isEmpty
            ? "meter '\(id)' (\(kind.rawValue)) belongs to no one, but '\(wanted.id)' is read per '\(group)'"
            : "meter '\(id)' (\(kind.rawValue)) belongs to '\(party)', who is not in '\(group)'",
          hint:
            "'\(wanted.id)' (\(wanted.clause.clause)) sums \(kind.rawValue) meters per member of '\(group)'"
        )
        continue
      }
      meters.append(
        RegisteredMeter(
          id: id, kind: kind, party: party.isEmpty ? nil : party, interval: interval,
          stampAtEnd: stamp == "end", asset: sheet.field(row, "asset"),
          row: "\(sheet.path):\(row.line)"))
    }
    let top = sheet.at(1)
    guard let contract else {
      return Result(meters: meters, diagnostics: diagnostics, refused: refused)
    }
    // A refused line may have been the meter of that kind: it is reported already.
    for m in contract.meters where refused.isEmpty && !meters.contains(where: { $0.kind == m.kind })
    {
      diagnostics.append(
        .error(
          .noMeter, "no '\(m.kind.rawValue)' meter is registered, but '\(m.id)' reads them",
          at: top,
          hint:
            "register the meter (with its readings) even when it recorded 0 kWh; '\(m.id)' is at \(m.clause.clause)"
        ))
    }
    // Registered meters the contract does not read are checked like the others but count for
    // nothing: say so, rather than drop their kWh silently.
    let unread = meters.filter { m in !contract.meters.contains { $0.kind == m.kind } }
    if !unread.isEmpty {
      let kinds = Set(unread.map(\.kind.rawValue)).sorted().joined(separator: ", ")
      diagnostics.append(
        .warning(
          .unreadMeter,
          "\(unread.count) registered meter\(unread.count == 1 ? "" : "s") of kind \(kinds) \(unread.count == 1 ? "is" : "are") not read by contract '\(contract.id)': \(unread.prefix(5).map(\.id).joined(separator: ", "))\(unread.count > 5 ? ", ..." : "")",
          at: top, hint: "their readings are checked but count toward no value"))
    }
    return Result(meters: meters, diagnostics: diagnostics, refused: refused)
  }

  static func isMember(_ party: String, of group: String, in contract: Contract) -> Bool {
    members(of: group, in: contract).contains(party)
  }

  /// The members of a group (or the individually named parties for `party`), as a set: bundles
  /// check thousands of rows against registries of a thousand members.
  static func members(of group: String, in contract: Contract) -> Set<String> {
    if group == "party" { return Set(contract.parties.filter { $0.group == nil }.map(\.id)) }
    return Set(contract.groups.first { $0.id == group }?.members ?? [])
  }
}
