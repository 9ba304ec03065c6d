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

  /// `tou(METER, TARIFF)`: each interval's kWh at the price of its band, per month and member,
  /// under the version of the tariff in force when it was metered.
  mutating func tou(meter id: String, tariff tariffId: String) throws(EvaluationFailure)
    -> Quantity
  {
    let key = "tou(\(id), \(tariffId))"
    if let done = calls[key] { return done }
    let versions = contract.versions(of: tariffId)
    guard !versions.isEmpty else { throw EvaluationFailure("unknown tariff '\(tariffId)'") }
    let (decl, meters) = try registered(id)
    let sums = bundle.sums!
    let blocks = months.indices.map { pricedBlocks(month: $0, versions: versions, sums: sums) }
    let bandsAt = versions.map { bandOfMinute($0) }
    let used = Set(blocks.joined().flatMap { $0.shares.map(\.version) })
    let empty = versions.map { [Int64](repeating: 0, count: $0.bands.count) }
    // Micro-kWh per (member, month), per version and band, where one version priced a block;
    // kWh where a block's days are shared among versions (a projection, see `pricedBlocks`).
    var whole: [Facet: [[Int64]]] = [:]
    var shared: [Facet: [[Exact]]] = [:]
    for m in meters {
      let meter = sums.meters[m]
      let n = sums.slotsPerDay(m)
      // Only the versions in force in the period must fit the meter's intervals.
      var slotBand: [[Int]] = []
      for (v, tariff) in versions.enumerated() {
        slotBand.append(
          used.contains(v) ? try bands(of: meter, n: n, at: bandsAt[v], tariff: tariff) : [])
      }
      for k in months.indices {
        let f = Facet(member: decl.per == nil ? nil : meter.party, month: months[k])
        var row = whole[f] ?? empty
        for block in blocks[k] {
          if block.shares.count == 1 {
            let v = block.shares[0].version
            for s in block.segments {
              for slot in 0..<n {
                row[v][slotBand[v][slot]] += sums.micro(m, segment: s, slot: slot)
              }
            }
            continue
          }
          var part = shared[f] ?? versions.map { [Exact](repeating: .zero, count: $0.bands.count) }
          for (v, days) in block.shares {
            var micro = empty[v]
            for s in block.segments {
              for slot in 0..<n {
                micro[slotBand[v][slot]] += sums.micro(m, segment: s, slot: slot)
              }
            }
            for (b, x) in micro.enumerated() where x != 0 {
              part[v][b] = try arithmetic { () throws(ArithmeticError) in
                try part[v][b] + MeterSums.kWh(x) * Exact(days) / Exact(block.days)
              }
            }
          }
          shared[f] = part
        }
        whole[f] = row
      }
    }
    var cells = zeroCells(per: decl.per)
    var kWhs = versions.map { [Exact](repeating: .zero, count: $0.bands.count) }
    for (f, row) in whole {
      var amount = Exact.zero
      for (v, tariff) in versions.enumerated() {
        for (b, band) in tariff.bands.enumerated() {
          let kWh = try arithmetic { () throws(ArithmeticError) in
            try MeterSums.kWh(row[v][b]) + (shared[f]?[v][b] ?? .zero)
          }
          guard !kWh.isZero else { continue }
          kWhs[v][b] = try arithmetic { () throws(ArithmeticError) in try kWhs[v][b] + kWh }
          amount = try arithmetic { () throws(ArithmeticError) in try amount + kWh * band.price }
        }
      }
      if let s = bundle.scale[decl.kind] {
        amount = try arithmetic { () throws(ArithmeticError) in try amount * s }
      }
      cells[f] = amount
    }
    var details: [Detail] = []
    for (v, tariff) in versions.enumerated() where used.contains(v) {
      let span = used.count > 1 ? inForce(versions, v) : nil
      for (b, band) in tariff.bands.enumerated() {
        let amount = try arithmetic { () throws(ArithmeticError) in try kWhs[v][b] * band.price }
        details.append(
          .touBand(
            call: key, band: band.name, kWh: kWhs[v][b], price: band.price, amount: amount,
            currency: contract.currency.code, clause: tariff.clause, span: span))
      }
    }
    let q = Quantity(dims: decl.per == nil ? .month : [.member, .month], cells: cells)
    calls[key] = q
    callDetails[key] = details
    return q
  }

  /// The band of each interval of the day of `meter` (`n` a day) under a tariff: an interval
  /// must lie in one band.
  func bands(of meter: RegisteredMeter, n: Int, at bandAt: [Int], tariff: Tariff)
    throws(EvaluationFailure) -> [Int]
  {
    let step = meter.interval
    var out: [Int] = []
    for slot in 0..<n {
      let start = slot * step
      let band = bandAt[start]
      if let change = (start..<start + step).first(where: { bandAt[$0] != band }) {
        throw EvaluationFailure(
          "tariff '\(tariff.id)'\(tariff.from.map { " (its version from \($0))" } ?? "") changes band at \(Tariff.clock(change)), inside meter '\(meter.id)''s \(step)-minute interval from \(Tariff.clock(start))",
          hint: "an interval must lie in one band: read the meter at a finer interval")
      }
      out.append(band)
    }
    return out
  }
}
