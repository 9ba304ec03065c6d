extension Evaluator {
  /// `peak(METERS)`: each month's largest demand in kW of the meters added and subtracted
  /// interval by interval (a 15-minute interval's kWh x 4), as a two-part tariff bills it (需量):
  /// the sum is formed in each interval before the maximum is taken, so storage discharging in
  /// the interval of the peak lowers that peak and no other. Exact: readings are micro-kWh.
  mutating func peak(_ inner: Formula) throws(EvaluationFailure) -> Quantity {
    let key = "peak(\(inner))"
    if let done = calls[key] { return done }
    guard let terms = inner.peakTerms, let sums = bundle.sums else {
      throw EvaluationFailure("peak() takes meters added and subtracted")
    }
    var parts: [(micro: [Int64], sign: Int64, factor: Exact?)] = []
    var step: Int? = nil
    for (id, sign) in terms {
      guard let decl = contract.meters.first(where: { $0.id == id }) else {
        throw EvaluationFailure("no meter '\(id)'")
      }
      guard let series = sums.series[decl.kind] else {
        // The checker records every kind a peak reads and loading refuses a kind with no
        // meter: a missing series is parkshare's fault, never a quiet 0.
        throw EvaluationFailure(
          "\(key): the readings of '\(id)' were not kept interval by interval",
          hint: "this is a defect of parkshare: please report it with the contract")
      }
      if let s = step, s != series.interval {
        throw EvaluationFailure(
          "\(key) adds meters read every \(s) and every \(series.interval) minutes",
          hint: "a demand is formed interval by interval: read its meters on one interval")
      }
      step = series.interval
      parts.append((series.micro, Int64(sign), bundle.scale[decl.kind]))
    }
    let interval = step ?? 15
    guard 60 % interval == 0 else {
      throw EvaluationFailure(
        "\(key) needs readings every 60 minutes or less (a demand in kW is an interval's kWh x 60 / its minutes), not every \(interval)"
      )
    }
    let perHour = Exact(60 / interval)
    let start = Timestamp.parkMinutes(month: sums.period.firstMonth)
    let scaled = parts.contains { $0.factor != nil }
    var cells: [Facet: Exact] = [:]
    var details: [Detail] = []
    // Through a day inside the period (a pool cut by a date): the intervals up to its end.
    let counted = sums.seriesMinutes.map { $0 / interval } ?? Int.max
    for (k, month) in months.enumerated() {
      let from = (Timestamp.parkMinutes(month: sums.period.firstMonth + k) - start) / interval
      let to = min(
        counted,
        (Timestamp.parkMinutes(month: sums.period.firstMonth + k + 1) - start) / interval)
      guard from < to else {
        // A month after the day the sums are counted through: nothing metered in it yet.
        cells[Facet(month: month)] = .zero
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
              throw EvaluationFailure("\(key): an interval's kWh pass 9.2 trillion")
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
      cells[Facet(month: month)] = kW
      details.append(
        .peak(
          call: key, month: Period(containing: month, length: .month), kW: kW,
          from: start + at * interval, minutes: interval))
    }
    let result = Quantity(dims: .month, cells: cells)
    calls[key] = result
    callDetails[key] = details
    return result
  }
}
