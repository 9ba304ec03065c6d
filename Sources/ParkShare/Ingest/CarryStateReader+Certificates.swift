/// The `certificates` of a state file: each inventory's unsold certificates by production
/// month, as `--closing` writes them
/// (`{"pv_export": [{"certificates": "350", "month": "2026-01"}]}`).
extension CarryStateReader {
  mutating func certificates(_ v: PlacedJSON) -> [String: [CertificateLot]] {
    var out: [String: [CertificateLot]] = [:]
    let known = contract.certificateSales.keys.sorted()
    for m in members(v, "'certificates'", known: known) ?? [] {
      guard case .array(let items) = m.value.value else {
        fail(
          "the certificates of \"\(m.key)\" must be a list [ ... ], not \(m.value.kind)",
          at: m.value.range)
        continue
      }
      var lots: [CertificateLot] = []
      for item in items {
        guard let lot = certificateLot(item) else { continue }
        // Lots are months up to the one the state closes, oldest first, one a month, none past
        // its validity: anything else was not written by --closing.
        let closes = statePeriod?.lastMonth ?? (contract.term.from.firstMonth - 1)
        if lot.month.firstMonth > closes {
          fail(
            "certificates of \"\(m.key)\" issued in \(lot.month) cannot be held before \(statePeriod.map { "the end of \($0)" } ?? "the term starts")",
            at: item.range)
          continue
        }
        if lot.expires(after: closes) {
          fail(
            "certificates of \"\(m.key)\" issued in \(lot.month) were written off at the end of \(lot.lastMonth) (24 months): they cannot be held",
            at: item.range, hint: "remove the lot: expired certificates are not carried")
          continue
        }
        if let last = lots.last, !(last.month < lot.month) {
          fail(
            "the certificates of \"\(m.key)\" must be one lot per month, oldest first: \(lot.month) comes after \(last.month)",
            at: item.range)
          continue
        }
        lots.append(lot)
      }
      if !lots.isEmpty { out[m.key] = lots }
    }
    return out
  }

  /// One lot: its production month and its certificates, a whole number above 0.
  mutating func certificateLot(_ v: PlacedJSON) -> CertificateLot? {
    let what = "a lot of certificates"
    var month: Period? = nil
    var count: Exact? = nil
    for m in members(v, what, known: ["certificates", "month"]) ?? [] {
      switch (m.key, m.value.value) {
      case ("month", .string(let s)):
        month = Period(s).flatMap { $0.length == .month ? $0 : nil }
        if month == nil {
          fail("'\(s)' is not a month, such as \"2026-01\"", at: m.value.range)
        }
      case ("certificates", .string(let s)), ("certificates", .number(let s)):
        guard let c = try? Exact(parsing: s), c > .zero,
          (try? c.rounded(scale: 0, .down)) == c
        else {
          fail("a lot holds a whole number of certificates above 0, not '\(s)'", at: m.value.range)
          continue
        }
        count = c
      default:
        fail("'\(m.key)' of \(what) cannot be \(m.value.kind)", at: m.value.range)
      }
    }
    guard let month, let count else {
      if problems.isEmpty {
        fail("\(what) needs its 'month' and its 'certificates'", at: v.range)
      }
      return nil
    }
    return CertificateLot(month: month, certificates: count)
  }
}
