extension Checker {
  /// Tariffs and their versions. A tariff is declared once without a date (in force from the
  /// start of the term) and may be followed by dated versions (`tariff grid CNY/kWh from
  /// 2029-02-01`), each in force until the next; a discounted tariff follows every version of
  /// its base. `contract.tariffs` lists each tariff's versions together, in order.
  mutating func checkTariffs() {
    var banded: [Version] = []
    var discounted: [(decl: TariffDecl, range: SourceRange)] = []
    // Whether each tariff's first version is a discount: its versions must be too.
    var discount: [String: Bool] = [:]
    for d in file.declarations {
      if case .tariff(let t) = d.kind, t.from == nil { discount[t.id.text] = t.base != nil }
    }
    for d in file.declarations {
      guard case .tariff(let t) = d.kind else { continue }
      if t.from != nil, let first = discount[t.id.text], first != (t.base != nil) {
        error(
          .badTariffVersion,
          first
            ? "tariff '\(t.id.text)' is a discount on another tariff: its versions are discounts too"
            : "tariff '\(t.id.text)' has bands of its own: its versions give bands too",
          at: t.base?.range ?? t.id.range,
          hint: first
            ? "write 'tariff \(t.id.text) = BASE discount P from DATE'"
            : "write 'tariff \(t.id.text) CNY/kWh from DATE' with its bands")
        continue
      }
      if t.base != nil {
        discounted.append((t, d.range))
        continue
      }
      // The bands are checked even when the date is wrong: each mistake is its own.
      let tariff = checkBands(t, d)
      let day = t.from.map { versionDay($0, of: t.id) }
      guard var tariff, day != .some(nil) else { continue }
      tariff.from = day ?? nil
      banded.append(Version(decl: t, tariff: tariff))
    }
    contract.tariffs += ordered(banded)
    // A discount on a discounted tariff needs that one's versions first, wherever the file
    // declares it: taken in rounds, each of those whose base is ready.
    var pending: [String] = []
    for (t, _) in discounted where !pending.contains(t.id.text) { pending.append(t.id.text) }
    while !pending.isEmpty {
      let ready = pending.filter { id in
        let base = discounted.first { $0.decl.id.text == id && $0.decl.from == nil }?.decl.base
        return base.map { !pending.contains($0.text) } ?? true
      }
      for id in ready.isEmpty ? pending : ready {
        if ready.isEmpty, let t = discounted.first(where: { $0.decl.id.text == id })?.decl {
          error(
            .badTariffVersion,
            "tariff '\(id)' discounts a tariff that discounts it in turn: no tariff gives the prices",
            at: t.base?.range ?? t.id.range, hint: "discount a tariff that has bands")
          continue
        }
        contract.tariffs += discountVersions(of: id, discounted.filter { $0.decl.id.text == id })
      }
      pending.removeAll { ready.isEmpty || ready.contains($0) }
    }
  }

  /// A checked tariff version, with the declaration it came from.
  struct Version {
    var decl: TariffDecl
    var tariff: Tariff
  }

  /// The day a dated version takes effect: a day, or the first day of a period. Nil (reported)
  /// when the date is wrong or is the start of the term (that is the undated version's).
  mutating func versionDay(_ ref: PeriodRef, of id: Name) -> CalendarDay? {
    guard let checked = checkEffective(ref, .start, what: "'from'") else { return nil }
    let day = checked.day ?? CalendarDay.first(of: checked.period)
    if termKnown, day == CalendarDay.first(of: contract.term.from) {
      error(
        .badTariffVersion,
        "\(day) is the start of the term: the version of '\(id.text)' in force then is the one declared without 'from'",
        at: ref.range, hint: "remove 'from' and its date")
      return nil
    }
    return day
  }

  /// Each tariff's versions in order, the undated one first: a dated version needs one, and two
  /// versions cannot start on the same day.
  mutating func ordered(_ versions: [Version]) -> [Tariff] {
    var out: [Tariff] = []
    var ids: [String] = []
    for v in versions where !ids.contains(v.decl.id.text) { ids.append(v.decl.id.text) }
    for id in ids {
      let mine = versions.filter { $0.decl.id.text == id }
      let dated = mine.filter { $0.tariff.from != nil }.sorted { $0.tariff.from! < $1.tariff.from! }
      guard let first = mine.first(where: { $0.tariff.from == nil }) else {
        for v in dated { noFirstVersion(v.decl) }
        continue
      }
      out.append(first.tariff)
      var seen: [CalendarDay: SourceRange] = [:]
      for v in dated {
        let day = v.tariff.from!
        if let earlier = seen[day] {
          error(
            .badTariffVersion, "tariff '\(id)' has two versions from \(day)",
            at: v.decl.from!.range, hint: "keep one of them",
            notes: [.init(message: "the other is here", range: earlier)])
          continue
        }
        seen[day] = v.decl.from!.range
        out.append(v.tariff)
      }
    }
    return out
  }

  /// Whether a version from `from` (nil: the start of the term) is in force on `day` (nil:
  /// the start of the term).
  static func inForce(_ from: CalendarDay?, on day: CalendarDay?) -> Bool {
    guard let from else { return true }
    guard let day else { return false }
    return from <= day
  }

  static func written(_ ref: PeriodRef) -> String { ref.day.map { "\($0)" } ?? "\(ref.period)" }

  mutating func noFirstVersion(_ t: TariffDecl) {
    let form =
      t.base.map { "tariff \(t.id.text) = \($0.text) discount ..." }
      ?? "tariff \(t.id.text) \(t.unit?.text ?? "CNY/kWh")"
    error(
      .badTariffVersion,
      "tariff '\(t.id.text)' from \(t.from.map(Self.written) ?? "") is a later version of a tariff with no first version",
      at: t.id.range,
      hint: "declare '\(form)' without 'from': the version in force from the start of the term")
  }

  /// The versions of the discounted tariff `id`: one on each day its base or its discount
  /// changes, each the base's version in force that day at the discount in force that day.
  mutating func discountVersions(
    of id: String, _ decls: [(decl: TariffDecl, range: SourceRange)]
  ) -> [Tariff] {
    var discounts: [(from: CalendarDay?, value: Exact, range: SourceRange)] = []
    for (t, range) in decls {
      let day = t.from.map { versionDay($0, of: t.id) }
      guard let discount = t.discount else { continue }
      guard discount.value > .zero, discount.value < .one else {
        error(.badPercent, "a discount must be above 0% and below 100%", at: discount.range)
        continue
      }
      guard day != .some(nil) else { continue }
      if let d = day ?? nil, let twin = discounts.first(where: { $0.from == d }) {
        error(
          .badTariffVersion, "tariff '\(id)' has two versions from \(d)",
          at: t.from!.range, hint: "keep one of them",
          notes: [.init(message: "the other is here", range: twin.range)])
        continue
      }
      discounts.append((day ?? nil, discount.value, range))
    }
    guard let firstDecl = decls.first(where: { $0.decl.from == nil })?.decl,
      let base = firstDecl.base
    else {
      for (t, _) in decls where t.from != nil { noFirstVersion(t) }
      return []
    }
    for (t, _) in decls where t.from != nil && t.base?.text != base.text {
      error(
        .badTariffVersion,
        "a version of '\(id)' discounts '\(t.base?.text ?? "")', but its first version discounts '\(base.text)'",
        at: t.base?.range ?? t.id.range,
        hint: "a discounted tariff keeps its base: discount '\(base.text)' here too")
    }
    guard resolve(base, as: [.tariff], what: "tariff") != nil,
      !contract.versions(of: base.text).isEmpty,
      discounts.contains(where: { $0.from == nil })
    else { return [] }
    let baseDays = contract.versions(of: base.text).compactMap(\.from)
    let days: [CalendarDay?] =
      [nil] + Set(baseDays + discounts.compactMap(\.from)).sorted().map { Optional($0) }
    let inOrder =
      discounts.filter { $0.from == nil }
      + discounts.filter { $0.from != nil }.sorted { $0.from! < $1.from! }
    var out: [Tariff] = []
    for day in days {
      // The undated version and discount come first: the last of each in force that day.
      let original = contract.versions(of: base.text).last { Self.inForce($0.from, on: day) }!
      let discount = inOrder.last { Self.inForce($0.from, on: day) }!
      let bands = original.bands.compactMap { b -> Tariff.Band? in
        guard let price = try? b.price * (Exact.one - discount.value) else { return nil }
        return Tariff.Band(name: b.name, price: price, spans: b.spans)
      }
      guard bands.count == original.bands.count else {
        error(.overflow, "a discounted price is too large", at: discount.range)
        return []
      }
      out.append(
        Tariff(
          id: id, unit: original.unit, bands: bands, clause: discount.range,
          discountOf: base.text, from: day))
    }
    return out
  }

  /// A tariff's bands, checked: named once, each minute of the day in one band, prices 0 or
  /// more in the currency per kWh. Nil when the unit is missing (the line did not parse).
  mutating func checkBands(_ t: TariffDecl, _ d: Declaration) -> Tariff? {
    let currency = Unit.base(contract.currency.code)
    guard let written = t.unit else { return nil }
    // A wrong or unknown unit is reported and the bands are still checked.
    let resolved = unit(written)
    var (unit, factor) = resolved ?? (currency / .kWh, .one)
    if resolved != nil, unit != currency / .kWh {
      error(
        .unitMismatch, "a tariff is priced in \(contract.currency.code)/kWh, not \(unit)",
        at: written.range)
      (unit, factor) = (currency / .kWh, .one)
    }
    var bands: [Tariff.Band] = []
    var owner = [Int](repeating: -1, count: 24 * 60)
    var names: [String: SourceRange] = [:]
    for band in t.bands {
      if let first = names[band.name.text] {
        error(
          .duplicateName, "band '\(band.name.text)' is given twice", at: band.name.range,
          notes: [.init(message: "first given here", range: first)])
        continue
      }
      names[band.name.text] = band.name.range
      var spans: [[Int]] = []
      for span in band.spans {
        let from = Int(span.from.value.description) ?? 0
        let to = Int(span.to.value.description) ?? 0
        guard from != to else {
          error(
            .badBand, "the span \(span.from.text)-\(span.to.text) is empty",
            at: span.from.range.through(span.to.range))
          continue
        }
        let minutes = from < to ? Array(from..<to) : Array(from..<1440) + Array(0..<to)
        if let clash = minutes.first(where: { owner[$0] >= 0 }) {
          let other =
            bands.indices.contains(owner[clash]) ? bands[owner[clash]].name : band.name.text
          error(
            .bandOverlap,
            "band '\(band.name.text)' overlaps band '\(other)' at \(Tariff.clock(clash))",
            at: span.from.range.through(span.to.range),
            hint: "each minute of the day belongs to one band")
        }
        for m in minutes where owner[m] < 0 { owner[m] = bands.count }
        spans.append([from, to])
      }
      if band.price.value.isNegative {
        error(
          .negative, "the price of band '\(band.name.text)' cannot be negative",
          at: band.price.range, hint: "a tariff band prices the kWh delivered: 0 or more")
      }
      guard let price = try? band.price.value * factor else {
        error(.overflow, "the price is too large", at: band.price.range)
        continue
      }
      bands.append(Tariff.Band(name: band.name.text, price: price, spans: spans))
    }
    if t.bands.isEmpty {
      error(
        .badBand, "tariff '\(t.id.text)' has no bands", at: t.id.range,
        hint: "add indented lines like 'band peak 1.49 08:00-11:00'")
    } else if let gap = owner.firstIndex(of: -1) {
      let end = owner[gap...].firstIndex { $0 >= 0 } ?? 1440
      error(
        .bandGap,
        "no band of tariff '\(t.id.text)' covers \(Tariff.clock(gap))-\(Tariff.clock(end))",
        at: t.id.range,
        hint: "the bands must cover all 24 hours")
    }
    if let peak = bands.first(where: { $0.name == "peak" }),
      let valley = bands.first(where: { $0.name == "valley" }),
      let triple = try? valley.price * Exact(3), peak.price < triple
    {
      warning(
        .touRatio, "peak price \(peak.price) is less than 3x the valley price \(valley.price)",
        at: t.id.range,
        hint: "national TOU rules set peak:valley at 3:1 or more")
    }
    return Tariff(id: t.id.text, unit: unit, bands: bands, clause: d.range)
  }
}
