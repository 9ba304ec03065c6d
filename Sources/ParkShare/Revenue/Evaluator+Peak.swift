extension Evaluator {
  /// `peak(METERS)`: each month's largest demand in kW of the meters added and subtracted
  /// interval by interval (a 15-minute interval's kWh x 4), as a two-part tariff bills it (需量):
  /// the sum is formed in each interval before the maximum is taken, so storage discharging in
  /// the interval of the peak lowers that peak and no other. Of meters read per member, each
  /// member's own demand. Exact: readings are micro-kWh.
  mutating func peak(_ inner: Formula) throws(EvaluationFailure) -> Quantity {
    let key = "peak(\(inner))"
    if let done = calls[key] { return done }
    let (sums, decls) = try meterTerms(inner, "peak")
    let group = decls.first?.decl.per
    var cells: [Facet: Exact] = [:]
    var details: [Detail] = []
    for member in group.map({ members($0).map { Optional($0) } }) ?? [nil] {
      let (parts, step) = try intervalParts(decls, member: member, sums, key, what: "demand")
      let label = key + (member.map { " " + $0 } ?? "")
      let (byMonth, lines) = try monthlyPeaks(parts, interval: step ?? 15, sums, label)
      for (month, kW) in byMonth { cells[Facet(member: member, month: month)] = kW }
      details += lines
    }
    let result = Quantity(dims: group == nil ? .month : [.member, .month], cells: cells)
    calls[key] = result
    callDetails[key] = details
    return result
  }

  /// The interval series of `decls` for one member (or the park), signed and with the
  /// projection's scale of each kind, on one interval (the `what`, a demand or a load, is formed
  /// interval by interval); the interval is nil when no meter has readings.
  func intervalParts(
    _ decls: [(decl: Meter, sign: Int64)], member: String?, _ sums: MeterSums, _ key: String,
    what: String
  ) throws(EvaluationFailure) -> (
    parts: [(micro: [Int64], sign: Int64, factor: Exact?)], interval: Int?
  ) {
    var parts: [(micro: [Int64], sign: Int64, factor: Exact?)] = []
    var step: Int? = nil
    for (decl, sign) in decls {
      guard let series = try self.series(of: decl.kind, member: member, sums, key) else {
        continue  // a member without a meter of the kind: nothing in any interval
      }
      if let s = step, s != series.interval {
        throw EvaluationFailure(
          "\(key) adds meters read every \(s) and every \(series.interval) minutes",
          hint: "a \(what) is formed interval by interval: read its meters on one interval")
      }
      step = series.interval
      parts.append((series.micro, sign, bundle.scale[decl.kind]))
    }
    return (parts, step)
  }

  /// The meters of a `peak` or `spot` argument, declared, with their signs, and the readings.
  func meterTerms(_ inner: Formula, _ function: String) throws(EvaluationFailure) -> (
    sums: MeterSums, terms: [(decl: Meter, sign: Int64)]
  ) {
    guard let terms = inner.peakTerms, let sums = bundle.sums else {
      throw EvaluationFailure("\(function)() takes meters added and subtracted")
    }
    var decls: [(decl: Meter, sign: Int64)] = []
    for (id, sign) in terms {
      guard let decl = contract.meters.first(where: { $0.id == id }) else {
        throw EvaluationFailure("no meter '\(id)'")
      }
      decls.append((decl, Int64(sign)))
    }
    return (sums, decls)
  }

  /// The interval series of a kind (or of one member's meters of it), summed over the members'
  /// series when the kind is kept per member and the whole kind is asked for. Nil for a member
  /// with no meter of the kind.
  func series(of kind: MeterKind, member: String?, _ sums: MeterSums, _ key: String)
    throws(EvaluationFailure) -> (interval: Int, micro: [Int64])?
  {
    if let s = sums.series[MeterSums.SeriesKey(kind: kind, party: member)] { return s }
    let parts = sums.series.filter { $0.key.kind == kind && $0.key.party != nil }
      .sorted { ($0.key.party ?? "") < ($1.key.party ?? "") }.map(\.value)
    if member != nil {
      // Kept per member: one without a meter of the kind has no series.
      guard !parts.isEmpty else { return try missing(kind, key) }
      return nil
    }
    guard let first = parts.first else { return try missing(kind, key) }
    var total = first.micro
    for p in parts.dropFirst() {
      for i in total.indices {
        let (v, o) = total[i].addingReportingOverflow(p.micro[i])
        guard !o else { throw EvaluationFailure("\(key): an interval's kWh pass 9.2 trillion") }
        total[i] = v
      }
    }
    return (first.interval, total)
  }

  /// The checker records every kind a peak reads and loading refuses a kind with no meter: a
  /// missing series is parkshare's fault, never a quiet 0.
  func missing(_ kind: MeterKind, _ key: String) throws(EvaluationFailure) -> (
    interval: Int, micro: [Int64]
  )? {
    throw EvaluationFailure(
      "\(key): the readings of \(kind.rawValue) were not kept interval by interval",
      hint: "this is a defect of parkshare: please report it with the contract")
  }

  /// Each month's largest demand in kW of `parts` added interval by interval, and the
  /// explanation of each (`label` names the call, and the member).
  func monthlyPeaks(
    _ parts: [(micro: [Int64], sign: Int64, factor: Exact?)], interval: Int, _ sums: MeterSums,
    _ label: String
  ) throws(EvaluationFailure) -> (byMonth: [(Int, Exact)], details: [Detail]) {
    guard 60 % interval == 0 else {
      throw EvaluationFailure(
        "\(label) needs readings every 60 minutes or less (a demand in kW is an interval's kWh x 60 / its minutes), not every \(interval)"
      )
    }
    let perHour = Exact(60 / interval)
    let start = Timestamp.parkMinutes(month: sums.period.firstMonth)
    let scaled = parts.contains { $0.factor != nil }
    // Through a day inside the period (a pool cut by a date): the intervals up to its end.
    let counted = sums.seriesMinutes.map { $0 / interval } ?? Int.max
    var out: [(Int, Exact)] = []
    var details: [Detail] = []
    for (k, month) in months.enumerated() {
      let from = (Timestamp.parkMinutes(month: sums.period.firstMonth + k) - start) / interval
      let to = min(
        counted,
        (Timestamp.parkMinutes(month: sums.period.firstMonth + k + 1) - start) / interval)
      guard from < to else {
        // A month after the day the sums are counted through: nothing metered in it yet.
        out.append((month, .zero))
        continue
      }
      var best: Exact? = nil
      var at = from
      for slot in from..<to {
        // kWh of the interval: in micro-kWh integers when nothing is scaled (settle), exactly
        // scaled in a projection.
        let kwh: Exact
        if !scaled {
          var v: Int64 = 0
          for p in parts {
            let (x, o1) = p.micro[slot].multipliedReportingOverflow(by: p.sign)
            let (y, o2) = v.addingReportingOverflow(x)
            guard !o1, !o2 else {
              throw EvaluationFailure("\(label): an interval's kWh pass 9.2 trillion")
            }
            v = y
          }
          kwh = MeterSums.kWh(v)
        } else {
          var v = Exact.zero
          for p in parts {
            v = try arithmetic { () throws(ArithmeticError) in
              try v + MeterSums.kWh(p.micro[slot]) * (p.factor ?? .one) * Exact(Int(p.sign))
            }
          }
          kwh = v
        }
        if best == nil || kwh > best! {
          best = kwh
          at = slot
        }
      }
      let kW = try arithmetic { () throws(ArithmeticError) in try (best ?? .zero) * perHour }
      out.append((month, kW))
      details.append(
        .peak(
          call: label, month: Period(containing: month, length: .month), kW: kW,
          from: start + at * interval, minutes: interval))
    }
    return (out, details)
  }
}
