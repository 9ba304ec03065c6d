// A detail is written in JSON outputs and ledger records as the English text it has always
// been (`what`, `value`, `source`; a ledger hashes those bytes), like a line's basis. It is a
// wire format, not wording: the phrases below are frozen (the JSON snapshots and the old-ledger
// fixture hold them) and live with the type; Render's catalogue words details for readers.

extension Detail: Encodable {
  enum CodingKeys: String, CodingKey { case what, value, source }

  public func encode(to encoder: any Encoder) throws {
    let (what, value, source) = record
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(what, forKey: .what)
    try c.encode(value, forKey: .value)
    try c.encodeIfPresent(source, forKey: .source)
  }

  /// What a record writes: what the detail is, its value and where it was read.
  var record: (what: String, value: String, source: String?) {
    switch self {
    case .input(let id, let facet, let value, let unit, let row):
      let label = Self.facet(facet)
      return (
        label.isEmpty ? id : "\(id) \(label)", value.grouped + (unit.isEmpty ? "" : " \(unit)"),
        row
      )
    case .meter(let formula, let meter, let owner, let kWh, let kind, let row):
      return (
        "\(formula): meter \(meter)\(owner.map { " (\($0))" } ?? "")",
        "\(kWh.grouped) kWh (\(kind))", row
      )
    case .moreMeters(let formula, let count):
      // Record format 1: the meters a ledger record leaves out were "see --json".
      return ("\(formula): \(count) more meters", "see --json", nil)
    case .value(let id, let value, let unit, let clause):
      return (id, Self.summary(value, unit: unit), clause?.clause)
    case .touBand(
      let call, let band, let kWh, let price, let amount, let currency, let clause, let span):
      return (
        "\(call) \(band)" + (span.map { " \($0)" } ?? ""),
        "\(kWh.grouped) kWh x \(price.grouped) \(currency)/kWh = \(amount.grouped) \(currency)",
        clause.clause
      )
    case .certificates(
      let call, let month, let carried, let kWh, let eligible, let issued, let rest):
      return (
        "\(call) \(month)",
        "carried \(carried.grouped) + \(kWh.grouped) kWh = \(eligible.grouped) kWh -> \(issued.grouped) certificates (vintage \(month.year)), \(rest.grouped) kWh carried",
        nil
      )
    case .certificateStock(
      let call, let month, let opening, let issued, let sold, let expired, let closing, let rows):
      return (
        "certificates(\(call)) \(month)",
        "held \(opening.grouped) + issued \(issued.grouped) - sold \(Self.lots(sold)) - written off unsold \(Self.lots(expired)) = held \(closing.grouped)",
        rows
      )
    case .peak(let call, let month, let kW, let from, let minutes):
      return (
        "\(call) \(month)",
        "\(kW.grouped) kW, in the \(minutes)-minute interval from \(Timestamp.text(parkMinutes: from))",
        nil
      )
    case .spot(
      let call, let month, let kWh, let amount, let currency, let intervals, let negative, let rows):
      let below = negative == 0 ? "" : ", \(negative) below zero"
      return (
        "\(call) \(month)",
        "\(kWh.grouped) kWh at \(Exact(intervals).grouped) interval prices\(below) = \(amount.grouped) \(currency)",
        rows
      )
    case .prorated(let call, let month, let days):
      return ("\(call) \(month)", "\(days) days of 365", nil)
    case .reduction(
      let call, _, let event, let day, let from, let to, let days, let baseline, let actual, let kW,
      let unit, let row):
      return (
        "\(call) event \(event) \(day) \(DemandEvents.text(from))-\(DemandEvents.text(to))",
        "baseline \(baseline.grouped) kWh (mean of \(days.map(\.description).joined(separator: ", "))) - actual \(actual.grouped) kWh = \(kW.grouped) \(unit)",
        row
      )
    case .annuity(let call, let principal, let rate, let periods, let payment):
      return (
        call,
        "\(principal.grouped) x \(rate) / (1 - (1 + \(rate))^-\(periods)) = \(payment.grouped) a period",
        nil
      )
    case .forfeited(let call, let facet, let amount):
      return ("\(call) \(Self.facet(facet))", "\(amount.grouped) forfeited", nil)
    case .runningTotal(let call, let before, let now, let total, let unit):
      let u = unit.isEmpty ? "" : " \(unit)"
      return (
        call, "\(before.grouped) before + \(now.grouped) this period = \(total.grouped)\(u)", nil
      )
    case .received(let call, let amount, let currency):
      return (call, "\(amount.grouped) \(currency) paid before this period", nil)
    case .subsidy(let id, let step, let clause):
      let (what, value) = Self.subsidy(id, step)
      return (what, value, clause?.clause)
    case .points(let scheme, let member, let terms, let total, let limit, let clause):
      let sum =
        terms.isEmpty
        ? "0"
        : terms.map { "\($0.bonus ? "\($0.points)" : $0.points.grouped) (\($0.rule))" }
          .joined(separator: " + ")
      let note =
        switch limit {
        case nil: ""
        case .flooredAtZero: ", floored at 0"
        case .capped(let cap): ", capped at \(cap)"
        }
      return ("\(scheme) \(member)", "\(sum) = \(total.grouped) points\(note)", clause.clause)
    }
  }

  static func subsidy(_ id: String, _ step: SubsidyStep) -> (String, String) {
    let reduce = { (factor: Exact, condition: String) in
      "reduce to \(factor.percentText) when \(condition)"
    }
    switch step {
    case .beforePhaseOut(let base, let currency):
      return ("\(id) before phase-out", "\(base.grouped) \(currency)")
    case .paidOnce(let once, let period):
      return ("\(id) paid once", "only in \(once): 0 in \(period)")
    case .phaseOut(let from, let factor): return ("phase-out from \(from)", factor.percentText)
    case .degression(let rate, let every, let from, let steps, let factor):
      let length = every == .half ? "half-year" : every.rawValue
      return (
        "degression \(rate.percentText) per \(length) from \(from)",
        "\(steps) step\(steps == 1 ? "" : "s"): x \(factor)"
      )
    case .trigger(let factor, let condition, let fired):
      return (reduce(factor, condition), fired.map { "fired in \($0)" } ?? "not fired")
    case .crossing(let factor, let condition, let before, let after, let threshold):
      return (
        reduce(factor, condition),
        "\(before.grouped) to \(after.grouped) this period, threshold \(threshold.grouped)"
      )
    case .factor(let factor): return ("\(id) factor", factor.trimmed.description)
    }
  }

  /// A member / month / vintage label (`T001 2026-02 vintage 2025`); empty for the total.
  static func facet(_ f: Facet) -> String {
    [
      f.member, f.month.map { Period(containing: $0, length: .month).description },
      f.vintage.map { "vintage \($0)" }, f.event.map { "event \($0)" },
    ].compactMap { $0 }.joined(separator: " ")
  }

  /// `1,030 CNY`, or `T001: 0.625, T002: 0.5` for a value per member (six cells at most).
  static func summary(_ q: Quantity, unit: ValueUnit) -> String {
    let written =
      switch unit {
      case .written(let u): u
      case .points: "points"
      }
    let suffix = written.isEmpty ? "" : " \(written)"
    if let v = q.scalar { return v.grouped + suffix }
    let cells = q.sorted
    let shown = cells.prefix(6).map { "\(facet($0.facet)): \($0.value.grouped)" }
    let more = cells.count > 6 ? ", ... (\(cells.count) in all)" : ""
    return shown.joined(separator: ", ") + more + suffix
  }

  /// Certificates by production month: `0`, or `500 (300 of 2025-02, 200 of 2025-03)`.
  static func lots(_ lots: [CertificateLot]) -> String {
    guard !lots.isEmpty else { return "0" }
    let total = (try? lots.total()) ?? .zero
    let parts = lots.map { "\($0.certificates.grouped) of \($0.month)" }
    return "\(total.grouped) (\(parts.joined(separator: ", ")))"
  }
}
