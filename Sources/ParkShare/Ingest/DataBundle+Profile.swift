import Foundation

extension DataBundle {
  /// The bundle's `import.profile`, when it has one (nil: the plain format); `ok` is false when
  /// it cannot be used (its problems are in `diagnostics`, its text in `sources`).
  /// `readings` are the bundle's readings files: a key that applies to none of them is refused.
  /// An `estimate` that differs from the `contract`'s own `estimate` line is refused too: the
  /// contract governs how its parties' gaps are filled.
  static func loadProfile(
    _ dir: String, readings: [String], contract: Contract? = nil,
    _ diagnostics: inout [Diagnostic], _ sources: inout [SourceFile]
  ) -> (profile: ImportProfile?, ok: Bool) {
    let path = dir + "/" + ImportProfile.fileName
    guard FileManager.default.fileExists(atPath: path) else { return (nil, true) }
    let read = Limits.read(
      path, maxBytes: Limits.tableBytes, unreadableID: .missingFile,
      unreadableHint: "an import profile is a UTF-8 text file of key = value lines",
      at: .whole(path))
    switch read {
    case .success(let text):
      let source = SourceFile(path: path, text: text)
      sources.append(source)
      let parsed = ImportProfile.parse(source)
      diagnostics += parsed.diagnostics
      guard let profile = parsed.profile else { return (nil, false) }
      var refused = profile.unused(readings: readings, in: source)
      if let contract, let clause = contract.estimationClause, let bundle = profile.estimate,
        bundle != contract.estimation, let line = profile.keyLines["estimate"]
      {
        refused.append(
          .error(
            .badEstimate,
            "the bundle's estimate differs from the contract's, which governs",
            at: CSVSheet.wholeLine(line, of: source),
            hint: "remove the line (the contract's rule applies), or change the contract",
            notes: [.init(message: "the contract's estimate", range: clause)]))
      }
      diagnostics += refused
      return (profile, refused.isEmpty)
    case .failure(let d):
      diagnostics.append(d)
      return (nil, false)
    }
  }

  /// The bundle's `replacements.csv` by meter index (register reads only), when it has one.
  static func loadReplacements(
    _ dir: String, profile: ImportProfile?, meters: [RegisteredMeter], period: Period,
    _ diagnostics: inout [Diagnostic], _ sources: inout [SourceFile]
  ) -> [Int: [MeterReplacement]] {
    let path = dir + "/" + MeterReplacement.fileName
    guard FileManager.default.fileExists(atPath: path) else { return [:] }
    guard let profile, profile.layout == .register else {
      diagnostics.append(
        .error(
          .unusedReadings, "replacements.csv is read only with register reads", at: .whole(path),
          hint: "say layout = register in import.profile, or remove the file"))
      return [:]
    }
    guard
      let sheet = CSVSheet.load(
        path, required: ["meter", "time", "old_final", "new_initial"], optional: ["note"],
        diagnostics: &diagnostics, sources: &sources)
    else { return [:] }
    return MeterReplacement.read(
      sheet, profile: profile, meters: meters, period: period, diagnostics: &diagnostics)
  }
}
