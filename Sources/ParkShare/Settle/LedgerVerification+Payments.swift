/// `ledger verify` of the payment book (`PaymentBook`): its chain and HEAD, each record's
/// settlement record still in the settlement chain, and each payment checked as `pay` checked
/// it (a known party, a positive amount in the minor unit, a date not before the first
/// statement, a reference used once, and a write-off within the balance on its date, from its
/// side: `WriteOffRule`, as `pay` judged it when the record was written).
extension LedgerVerification {
  mutating func checkPayments(_ entries: [Entry]) {
    let chain = PaymentBook.chain(directory)
    let at = "\(PaymentBook.folderName)/HEAD"
    for problem in chain.problems { fail(at, problem, hint: Ledger.tamperHint) }
    if chain.headBehind, let last = chain.batches.last {
      // A `pay` interrupted after writing its record: complete and chained; the next pay, report
      // or journal takes it up. Not a problem of the ledger.
      diagnostics.append(
        .warning(
          .ledgerVerify,
          "payments/HEAD names payment record \(chain.batches.count - 1), and 'payments/\(last.file)' follows it, chained: a pay interrupted after writing it",
          at: place(at), hint: "the next `parkshare pay` takes it up"))
    }
    var references: [String: String] = [:]
    var earlier: [Payment] = []
    for batch in chain.batches {
      let name = "\(PaymentBook.folderName)/\(batch.file)"
      let before = diagnostics.count
      let anchor = batch.settlements
      let anchored =
        anchor.sequence == 0
        ? Ledger.genesis
        : (anchor.sequence <= entries.count ? entries[anchor.sequence - 1].digest : nil)
      if anchored != anchor.digest {
        fail(
          name,
          "'\(name)' was recorded after settlement record \(anchor.sequence) with SHA-256 \(anchor.digest), which the ledger no longer holds: the settlements were rolled back or rewritten after the payments were recorded",
          hint: Ledger.tamperHint)
      }
      let settled = entries.prefix(max(0, min(anchor.sequence, entries.count)))
      let parties = Set(settled.flatMap { $0.settlement?.statements.map(\.party) ?? [] })
      let first = settled.compactMap { $0.record?.issued ?? $0.settlement?.issue?.issued }.min()
      let decimals = settled.last?.settlement?.decimals ?? 2
      for p in batch.payments {
        func bad(_ what: String) {
          fail(name, "'\(name)' holds payment '\(p.reference)' \(what)", hint: Ledger.tamperHint)
        }
        if let other = references[p.reference] {
          bad("whose reference is used in '\(other)' too")
        }
        references[p.reference] = references[p.reference] ?? name
        if !parties.contains(p.party) { bad("to '\(p.party)', a party no statement was issued to") }
        if p.amount.isZero || p.amount.isNegative
          || (try? p.amount.rounded(scale: decimals, .halfEven)) != p.amount
        {
          bad("of \(p.amount), not a positive amount in the currency's minor unit")
        }
        if CalendarDay(p.date) == nil || first.map({ p.date < $0 }) ?? true {
          bad("dated \(p.date), before the first statement (\(first ?? "none issued"))")
        }
        if (p.kind == .writeOff) != (p.side != nil) {
          bad("of kind \(p.kind.rawValue) \(p.side == nil ? "without" : "with") a side")
        }
      }
      checkWriteOffs(batch, after: earlier, history: Self.history(settled), at: name)
      earlier += batch.payments
      let count = batch.payments.count
      lines.append(
        "\(name)  \(count) payment\(count == 1 ? "" : "s")  "
          + (diagnostics[before...].contains { $0.severity == .error }
            ? "FAILED" : "chain and payments hold"))
    }
  }

  /// The statements of the settlement records a payment record follows: what `pay` judged it by.
  static func history(_ settled: ArraySlice<Entry>) -> StatementHistory {
    StatementHistory.of(
      settled.compactMap { e in e.record.flatMap { r in e.settlement.map { (r, $0) } } })
  }

  /// The record's write-offs judged as `pay` judged them (`WriteOffRule`): each within its
  /// date's balance and on its side, and no line of it putting an earlier record's write-off
  /// over its balance.
  mutating func checkWriteOffs(
    _ batch: PaymentBook.Batch, after earlier: [Payment], history: StatementHistory,
    at name: String
  ) {
    let judged: WriteOffRule.Judgement
    do throws(ArithmeticError) {
      judged = try WriteOffRule.judge(history, recorded: earlier, new: batch.payments)
    } catch {
      fail(name, "'\(name)': a party's balance does not fit: \(error)", hint: Ledger.tamperHint)
      return
    }
    for problem in judged.problems {
      switch problem {
      case .writeOff(let i, let balance):
        let p = batch.payments[i]
        fail(
          name,
          "'\(name)' holds write-off '\(p.reference)' of \(p.amount) (\(p.side?.rawValue ?? "no side")) on \(p.date), but \(p.party)'s balance on that date is \(balance): a write-off closes at most that balance, from its side",
          hint: Ledger.tamperHint)
      case .conflict(let r, let lines, let balance):
        let w = earlier[r]
        for i in lines {
          let p = batch.payments[i]
          fail(
            name,
            "'\(name)' holds \(p.kind.rawValue) '\(p.reference)' on \(p.date), before the write-off '\(w.reference)' of \(w.amount) on \(w.date) recorded earlier: with it, \(w.party)'s balance on \(w.date) is \(balance), which the write-off no longer closes",
            hint: Ledger.tamperHint)
        }
      }
    }
  }
}
