extension Evaluator {
  /// `spot(METERS, PRICES)`: each month's energy of meters added and subtracted, every
  /// interval's kWh at that interval's price (a spot market's 96 prices a day, not TOU bands).
  /// Valuing is linear, so each meter kind is valued on its own series and the results added;
  /// a meter read every 15 minutes under an hourly price takes the hour's price. Exact: the sum
  /// of micro-kWh x scaled price is an integer.
  mutating func spot(_ inner: Formula, _ priceID: String) throws(EvaluationFailure) -> Quantity {
    let key = "spot(\(inner), \(priceID))"
    if let done = calls[key] { return done }
    let (sums, decls) = try meterTerms(inner, "spot")
    guard let prices = bundle.prices.series[priceID] else {
      throw EvaluationFailure(
        "\(key): the prices of '\(priceID)' were not read",
        hint: "this is a defect of parkshare: please report it with the contract")
    }
    let group = decls.first?.decl.per
    var cells: [Facet: Exact] = [:]
    var details: [Detail] = []
    for member in group.map({ members($0).map { Optional($0) } }) ?? [nil] {
      var parts: [SpotPart] = []
      for (decl, sign) in decls {
        guard let series = try self.series(of: decl.kind, member: member, sums, key) else {
          continue  // a member without a meter of the kind: no energy in any interval
        }
        guard prices.interval % series.interval == 0 else {
          throw EvaluationFailure(
            "\(key): \(decl.kind.rawValue) is read every \(series.interval) minutes, '\(priceID)' priced every \(prices.interval)",
            hint:
              "an interval's energy takes one price: read the meters every \(prices.interval) minutes or less"
          )
        }
        parts.append(
          SpotPart(
            micro: series.micro, interval: series.interval, sign: sign,
            factor: bundle.scale[decl.kind]))
      }
      let label = key + (member.map { " " + $0 } ?? "")
      for (k, month) in months.enumerated() {
        let value = try monthValue(parts, prices, month: k, sums, label)
        cells[Facet(member: member, month: month)] = value.amount
        details.append(
          .spot(
            call: label, month: Period(containing: month, length: .month), kWh: value.kWh,
            amount: value.amount, currency: contract.currency.code, intervals: value.intervals,
            negative: value.negative, rows: value.rows.map { "\(bundle.prices.path):\($0)" }))
      }
    }
    let result = Quantity(dims: group == nil ? .month : [.member, .month], cells: cells)
    calls[key] = result
    callDetails[key] = details
    return result
  }

  /// One meter kind's series in a `spot` call: its readings, their interval, its sign and the
  /// projection's scale of the kind.
  struct SpotPart {
    var micro: [Int64]
    var interval: Int
    var sign: Int64
    var factor: Exact?
  }

  /// Month `k` of the period (of the sums' period, in a projection) valued: net kWh, amount, the
  /// price intervals counted and those below zero, and the prices' rows (first-last).
  func monthValue(
    _ parts: [SpotPart], _ prices: IntervalPrices.Series, month k: Int, _ sums: MeterSums,
    _ label: String
  ) throws(EvaluationFailure) -> (
    kWh: Exact, amount: Exact, intervals: Int, negative: Int, rows: String?
  ) {
    let start = Timestamp.parkMinutes(month: sums.period.firstMonth)
    let from = Timestamp.parkMinutes(month: sums.period.firstMonth + k) - start
    // Through a day inside the period (a pool cut by a date): the minutes up to its end.
    let to = min(
      sums.seriesMinutes ?? Int.max,
      Timestamp.parkMinutes(month: sums.period.firstMonth + k + 1) - start)
    guard from < to else { return (.zero, .zero, 0, 0, nil) }
    let overflow = EvaluationFailure("\(label): a month's value passes 10^32")
    var kWh = Exact.zero
    var amount = Exact.zero
    for p in parts {
      var dot: Int128 = 0
      var micro: Int64 = 0
      let perPrice = prices.interval / p.interval
      for slot in (from / p.interval)..<(to / p.interval) {
        let v = p.micro[slot]
        let (x, o1) = dot.addingReportingOverflow(
          Int128(v) * Int128(prices.scaled[slot / perPrice]))
        let (y, o2) = micro.addingReportingOverflow(v)
        guard !o1, !o2 else { throw overflow }
        dot = x
        micro = y
      }
      do {
        let factor = try (p.factor ?? .one) * Exact(Int(p.sign))
        let value = try Exact(significand: dot, scale: ReadingsScanner.maxDecimals + prices.scale)
        amount = try amount + value * factor
        kWh = try kWh + MeterSums.kWh(micro) * factor
      } catch { throw overflow }
    }
    let slots = (from / prices.interval)..<((to + prices.interval - 1) / prices.interval)
    let negative = slots.filter { prices.scaled[$0] < 0 }.count
    let rows = slots.map { prices.rows[$0] }
    let span = rows.min().map { lo in "\(lo)-\(rows.max()!)" }
    return (kWh.trimmed, amount.trimmed, slots.count, negative, span)
  }
}
