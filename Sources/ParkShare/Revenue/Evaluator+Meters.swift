extension Evaluator {
  /// The registered meters a contract meter sums (all of its kind), with their positions.
  func registered(_ id: String) throws(EvaluationFailure) -> (decl: Meter, meters: [Int]) {
    guard let decl = contract.meters.first(where: { $0.id == id }), let sums = bundle.sums else {
      throw EvaluationFailure("no readings for meter '\(id)'")
    }
    let meters = sums.meters.indices.filter { sums.meters[$0].kind == decl.kind }
    return (decl, meters)
  }

  /// Cells for every member (when read per member) and every month, all zero.
  func zeroCells(per group: String?) -> [Facet: Exact] {
    var cells: [Facet: Exact] = [:]
    let all: [String?] = group.map { members($0).map { Optional($0) } } ?? [nil]
    for member in all {
      for month in months { cells[Facet(member: member, month: month)] = .zero }
    }
    return cells
  }

  /// A meter's kWh this period, per month (and per member when it is read `per GROUP`).
  mutating func meter(_ id: String) throws(EvaluationFailure) -> Quantity {
    let (decl, meters) = try registered(id)
    let sums = bundle.sums!
    var micro: [Facet: Int64] = [:]
    for m in meters {
      for (k, month) in months.enumerated() {
        let f = Facet(member: decl.per == nil ? nil : sums.meters[m].party, month: month)
        micro[f, default: 0] += sums.micro(m, month: k)
      }
    }
    var cells = zeroCells(per: decl.per)
    let factor = bundle.scale[decl.kind]
    for (f, v) in micro {
      let kwh = MeterSums.kWh(v)
      cells[f] =
        try factor.map { s throws(EvaluationFailure) in
          try arithmetic { () throws(ArithmeticError) in try kwh * s }
        } ?? kwh
    }
    return Quantity(dims: decl.per == nil ? .month : [.member, .month], cells: cells)
  }

  /// The band of each minute of the day under `tariff`.
  func bandOfMinute(_ tariff: Tariff) -> [Int] {
    var out = [Int](repeating: -1, count: 1440)
    for (b, band) in tariff.bands.enumerated() {
      for span in band.spans {
        let (from, to) = (span[0], span[1])
        let minutes = from < to ? Array(from..<to) : Array(from..<1440) + Array(0..<to)
        for minute in minutes { out[minute] = b }
      }
    }
    return out
  }

  /// `tou(METER, TARIFF)`: each interval's kWh at the price of its band, per month and member.
  mutating func tou(meter id: String, tariff tariffId: String) throws(EvaluationFailure)
    -> Quantity
  {
    let key = "tou(\(id), \(tariffId))"
    if let done = calls[key] { return done }
    guard let tariff = contract.tariffs.first(where: { $0.id == tariffId }) else {
      throw EvaluationFailure("unknown tariff '\(tariffId)'")
    }
    let (decl, meters) = try registered(id)
    let sums = bundle.sums!
    let bandAt = bandOfMinute(tariff)
    // micro-kWh per (member, month) per band.
    var micro: [Facet: [Int64]] = [:]
    var bandTotals = [Int64](repeating: 0, count: tariff.bands.count)
    for m in meters {
      let meter = sums.meters[m]
      let step = meter.interval
      var slotBand: [Int] = []
      for slot in 0..<sums.slotsPerDay(m) {
        let start = slot * step
        let band = bandAt[start]
        if let change = (start..<start + step).first(where: { bandAt[$0] != band }) {
          throw EvaluationFailure(
            "tariff '\(tariffId)' changes band at \(Tariff.clock(change)), inside meter '\(meter.id)''s \(step)-minute interval from \(Tariff.clock(start))",
            hint: "an interval must lie in one band: read the meter at a finer interval")
        }
        slotBand.append(band)
      }
      for (k, month) in months.enumerated() {
        let f = Facet(member: decl.per == nil ? nil : meter.party, month: month)
        var row = micro[f] ?? [Int64](repeating: 0, count: tariff.bands.count)
        for (slot, band) in slotBand.enumerated() {
          let v = sums.micro(m, month: k, slot: slot)
          row[band] += v
          bandTotals[band] += v
        }
        micro[f] = row
      }
    }
    var cells = zeroCells(per: decl.per)
    for (f, row) in micro {
      var amount = Exact.zero
      for (b, v) in row.enumerated() {
        let price = tariff.bands[b].price
        amount = try arithmetic { () throws(ArithmeticError) in
          try amount + MeterSums.kWh(v) * price
        }
      }
      if let s = bundle.scale[decl.kind] {
        amount = try arithmetic { () throws(ArithmeticError) in try amount * s }
      }
      cells[f] = amount
    }
    var details: [Detail] = []
    for (b, band) in tariff.bands.enumerated() {
      let kwh = MeterSums.kWh(bandTotals[b])
      let amount = try arithmetic { () throws(ArithmeticError) in try kwh * band.price }
      details.append(
        .touBand(
          call: key, band: band.name, kWh: kwh, price: band.price, amount: amount,
          currency: contract.currency.code, clause: tariff.clause))
    }
    let q = Quantity(dims: decl.per == nil ? .month : [.member, .month], cells: cells)
    calls[key] = q
    callDetails[key] = details
    return q
  }

}
