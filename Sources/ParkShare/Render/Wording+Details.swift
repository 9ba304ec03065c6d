extension Wording {
  /// A detail in words: what it is, its value and where it was read (a data row or clause).
  /// `listing` names the output that lists every meter the text leaves out.
  public func detail(_ d: Detail, listing: String = "--json") -> (
    what: String, value: String, source: String?
  ) {
    let t = labels.details
    switch d {
    case .input(let id, let facet, let value, let unit, let row):
      return (t.input(id, self.facet(facet)), value.grouped + (unit.isEmpty ? "" : " \(unit)"), row)
    case .meter(let formula, let meter, let owner, let kWh, let kind, let row):
      return (t.meter(formula, meter, owner), t.meterKWh(kWh.grouped, kind), row)
    case .moreMeters(let formula, let count):
      return (t.moreMeters(formula, count), t.listedBy(listing), nil)
    case .value(let id, let value, let unit, let clause):
      return (id, summary(value, unit: unit), clause?.clause)
    case .touBand(
      let call, let band, let kWh, let price, let amount, let currency, let clause, let span):
      return (
        "\(call) \(band)" + (span.map { " \($0)" } ?? ""),
        t.touBand(kWh.grouped, price.grouped, currency, amount.grouped),
        clause.clause
      )
    case .certificates(
      let call, let month, let carried, let kWh, let eligible, let issued, let rest):
      return (
        "\(call) \(month)",
        t.certificates(
          carried.grouped, kWh.grouped, eligible.grouped, issued.grouped, month.year, rest.grouped),
        nil
      )
    case .certificateStock(
      let call, let month, let opening, let issued, let sold, let expired, let closing, let rows):
      func lots(_ lots: [CertificateLot]) -> String {
        let total = (try? lots.total()) ?? .zero
        return t.lots(total.grouped, lots.map { ($0.certificates.grouped, $0.month.description) })
      }
      return (
        "certificates(\(call)) \(month)",
        t.certificateStock(
          opening.grouped, issued.grouped, lots(sold), lots(expired), closing.grouped),
        rows
      )
    case .peak(let call, let month, let kW, let from, let minutes):
      return (
        "\(call) \(month)", t.peak(kW.grouped, Timestamp.text(parkMinutes: from), minutes), nil
      )
    case .spot(
      let call, let month, let kWh, let amount, let currency, let intervals, let negative, let rows):
      return (
        "\(call) \(month)",
        t.spot(kWh.grouped, Exact(intervals).grouped, negative, amount.grouped, currency),
        rows
      )
    case .prorated(let call, let month, let days):
      return ("\(call) \(month)", t.prorated(days), nil)
    case .reduction(
      let call, _, let event, let day, let from, let to, let days, let baseline, let actual, let kW,
      let unit, let row):
      return (
        "\(call) \(t.event(event)) \(day) \(DemandEvents.text(from))-\(DemandEvents.text(to))",
        t.reduction(
          baseline.grouped, days.map(\.description).joined(separator: ", "), actual.grouped,
          kW.grouped + " " + unit), row
      )
    case .annuity(let call, let principal, let rate, let periods, let payment):
      return (call, t.annuity(principal.grouped, "\(rate)", periods, payment.grouped), nil)
    case .forfeited(let call, let facet, let amount):
      return ("\(call) \(self.facet(facet))", t.forfeited(amount.grouped), nil)
    case .runningTotal(let call, let before, let now, let total, let unit):
      return (call, t.runningTotal(before.grouped, now.grouped, total.grouped, unit), nil)
    case .received(let call, let amount, let currency):
      return (call, t.receivedBefore(amount.grouped, currency), nil)
    case .subsidy(let id, let step, let clause):
      let (what, value) = subsidy(id, step)
      return (what, value, clause?.clause)
    case .points(let scheme, let member, let terms, let total, let limit, let clause):
      let sum =
        terms.isEmpty
        ? "0"
        : terms.map { t.pointsTerm($0.bonus ? "\($0.points)" : $0.points.grouped, $0.rule) }
          .joined(separator: " + ")
      let note =
        switch limit {
        case nil: ""
        case .flooredAtZero: t.flooredAtZero
        case .capped(let cap): t.cappedAt("\(cap)")
        }
      return ("\(scheme) \(member)", t.pointsTotal(sum, total.grouped) + note, clause.clause)
    }
  }

  func subsidy(_ id: String, _ step: Detail.SubsidyStep) -> (String, String) {
    let t = labels.details
    switch step {
    case .beforePhaseOut(let base, let currency):
      return (t.beforePhaseOut(id), "\(base.grouped) \(currency)")
    case .paidOnce(let once, let period):
      return (t.paidOnce(id), t.paidOnlyIn("\(once)", "\(period)"))
    case .phaseOut(let from, let factor): return (t.phaseOut("\(from)"), factor.percentText)
    case .degression(let rate, let every, let from, let steps, let factor):
      return (
        t.degression(rate.percentText, every, "\(from)"), t.degressionSteps(steps, "\(factor)")
      )
    case .trigger(let factor, let condition, let fired):
      return (
        t.trigger(factor.percentText, condition), fired.map { t.fired("\($0)") } ?? t.notFired
      )
    case .crossing(let factor, let condition, let before, let after, let threshold):
      return (
        t.trigger(factor.percentText, condition),
        t.crossed(before.grouped, after.grouped, threshold.grouped)
      )
    case .factor(let factor): return (t.subsidyFactor(id), factor.trimmed.description)
    }
  }

  /// A member / month / vintage label (`T001 2026-02 vintage 2025`); empty for the total.
  public func facet(_ f: Facet) -> String {
    [
      f.member, f.month.map { Period(containing: $0, length: .month).description },
      f.vintage.map { labels.details.vintage($0) }, f.event.map { labels.details.event($0) },
    ].compactMap { $0 }.joined(separator: " ")
  }

  /// `1,030 CNY`, or `T001: 0.625, T002: 0.5` for a value per member (six cells at most).
  func summary(_ q: Quantity, unit: Detail.ValueUnit) -> String {
    let written =
      switch unit {
      case .written(let u): u
      case .points: labels.details.points
      }
    let suffix = written.isEmpty ? "" : " \(written)"
    if let v = q.scalar { return v.grouped + suffix }
    let cells = q.sorted
    let shown = cells.prefix(6).map { "\(facet($0.facet)): \($0.value.grouped)" }
    let more = cells.count > 6 ? labels.details.moreCells(cells.count) : ""
    return shown.joined(separator: ", ") + more + suffix
  }
}
