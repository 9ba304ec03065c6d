import Foundation

/// The order of a ledger's records: each period opens from where the one before closed, an
/// amendment amends its period's latest record, and an amendment of an earlier period is
/// followed by the restatements it announces.
extension LedgerVerification {
  /// A period opens from the state the period before closed with; an amendment from the state
  /// the record it amends opened with, and it amends the period's latest record. An amendment
  /// of an earlier period is followed by the restatements it announces, each opening from the
  /// one before; once they are written every period opens from where the one before closes.
  mutating func checkContinuity(_ entries: [Entry], at i: Int) {
    let e = entries[i]
    guard let r = e.record else { return }
    let earlier = entries[..<i].compactMap(\.record)
    func latest(_ p: Period) -> Ledger.Record? { earlier.last { $0.period == p } }
    if let ref = r.amends {
      guard ref.sequence >= 1, ref.sequence <= i, let amended = entries[ref.sequence - 1].record
      else {
        fail(e.name, "'\(e.name)' amends record \(ref.sequence), which is not before it")
        return
      }
      if ref.digest != entries[ref.sequence - 1].digest {
        fail(
          e.name,
          "'\(e.name)' amends '\(amended.file)' with digest \(ref.digest), but its SHA-256 is \(entries[ref.sequence - 1].digest)",
          hint: Ledger.tamperHint)
      }
      if amended.period != r.period || latest(r.period)?.sequence != amended.sequence {
        fail(
          e.name,
          "'\(e.name)' amends '\(amended.file)', which is not the latest record of \(r.period)")
      }
      if let h = r.replayOf {
        checkRestatement(entries, at: i, of: h)
      } else if Ledger.compact(amended.opening) != Ledger.compact(r.opening) {
        fail(
          e.name,
          "'\(e.name)' opens from another state than '\(amended.file)', which it amends",
          hint: Ledger.tamperHint)
      }
      if i + 1 == entries.count || entries[i + 1].record?.replayOf == nil {
        checkTransactionEnd(entries, at: i)
      }
      return
    }
    guard r.kind == .settlement, r.replayOf == nil, r.replays == nil else {
      fail(e.name, "'\(e.name)' is an amendment that names no record it amends")
      return
    }
    guard let last = earlier.map(\.period).max(), let before = latest(last) else { return }
    if r.period != last.next {
      fail(
        e.name,
        "'\(e.name)' settles \(r.period), but the period after \(last) is \(last.next)",
        hint: Ledger.tamperHint)
    }
    if Ledger.compact(before.closing) != Ledger.compact(r.opening) {
      fail(
        e.name,
        "'\(e.name)' opens \(r.period) from another state than '\(before.file)' closed with",
        hint: Ledger.tamperHint)
    }
  }

  /// A restatement follows its amendment, or the restatement of the period before it, and
  /// opens from what that one closed with.
  mutating func checkRestatement(_ entries: [Entry], at i: Int, of h: Int) {
    let e = entries[i]
    guard let r = e.record else { return }
    let head = h >= 1 && h <= i ? entries[h - 1].record : nil
    let before = entries[i - 1].record
    guard let head, (head.replays ?? 0) >= i + 1 - h, head.replayOf == nil,
      before?.sequence == h || before?.replayOf == h, let before
    else {
      fail(
        e.name,
        "'\(e.name)' restates \(r.period) for record \(h), which announced no such restatement",
        hint: Ledger.tamperHint)
      return
    }
    if before.period.next != r.period || Ledger.compact(before.closing) != Ledger.compact(r.opening)
    {
      fail(
        e.name,
        "'\(e.name)' restates \(r.period), but does not open from what '\(before.file)' closed \(before.period) with",
        hint: Ledger.tamperHint)
    }
  }

  /// After an amendment and its restatements: as many restatements as it announced, and every
  /// settled period opens from the state its latest record's predecessor closes with.
  mutating func checkTransactionEnd(_ entries: [Entry], at i: Int) {
    let e = entries[i]
    guard let r = e.record else { return }
    let h = r.replayOf ?? r.sequence
    if let head = entries[h - 1].record, (head.replays ?? 0) != i + 1 - h {
      fail(
        e.name,
        "'\(head.file)' announces \(head.replays ?? 0) restatements of later periods, and \(i + 1 - h) follow it",
        hint: Ledger.tamperHint)
      return
    }
    var latest: [Period: Ledger.Record] = [:]
    for other in entries[...i].compactMap(\.record) { latest[other.period] = other }
    let periods = latest.keys.sorted()
    for (p, q) in zip(periods, periods.dropFirst()) {
      guard let a = latest[p], let b = latest[q],
        Ledger.compact(a.closing) != Ledger.compact(b.opening)
      else { continue }
      fail(
        e.name,
        "after '\(e.name)', \(q) ('\(b.file)') opens from another state than \(p) ('\(a.file)') closes with: the amendment did not restate it",
        hint: Ledger.tamperHint)
      return
    }
  }
}
