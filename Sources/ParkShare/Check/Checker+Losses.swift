extension Checker {
  /// `loss split ...`, `loss to PARTY`, `loss carried to FUND`. A deficit fund is its own: a
  /// `reserve` into it would mix money set aside with a loss to recover.
  mutating func checkLoss(_ rule: Step.Loss, step: Step, pool: PoolDecl) -> LossRule? {
    switch rule {
    case .split(let split):
      guard let allocation = checkSplit(split, step: step, pool: pool.id.text) else { return nil }
      return .split(allocation)
    case .to(let party):
      guard resolve(party, as: [.party], what: "party") != nil else { return nil }
      return .charged(party: party.text)
    case .carried(let fund):
      if let existing = symbols[fund.text] {
        guard existing.kind == .fund, deficitFunds[fund.text] != nil, carryFunds[fund.text] == nil
        else {
          alreadyDefined(fund.text, at: fund.range, first: existing)
          return nil
        }
      }
      symbols[fund.text] = Symbol(kind: .fund, range: fund.range)
      deficitFunds[fund.text] = pool.id.text
      return .carried(fund: fund.text)
    }
  }

  /// At most one loss rule applies in any period of a pool: two would bear the loss twice.
  mutating func checkLossCoverage(_ steps: [(PoolStep, Step)], pool: PoolDecl) {
    let losses = steps.filter { if case .loss = $0.0.kind { true } else { false } }
    guard losses.count > 1 else { return }
    // Judged per day where a loss rule's date cuts a period.
    let dates = Pool(id: pool.id.text, sources: [], steps: losses.map(\.0), clause: pool.id.range)
    for period in contract.term.periods(contract.frequency) {
      let subs: [SubPeriod?] = dates.subPeriods(of: period) ?? [nil]
      for sub in subs {
        let active = losses.filter { l in
          sub.map { l.0.applies(to: period, in: $0) } ?? l.0.applies(to: period)
        }
        guard active.count > 1 else { continue }
        error(
          .overlappingSplits,
          "two loss rules of pool '\(pool.id.text)' apply in \(sub.map { "\($0)" } ?? "\(period)")",
          at: active[1].1.range, hint: "date them apart with 'until' and 'from'",
          notes: [.init(message: "the other loss rule", range: active[0].1.range)])
        return
      }
    }
  }
}
