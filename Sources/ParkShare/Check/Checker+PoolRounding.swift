extension Checker {
  /// A pool's own `rounding MODE` / `decimals N`: what it does not say, it takes from the
  /// contract's currency. Decimals run from 0 to the currency's: a pool may round coarser than
  /// the minor unit (to the yuan), never finer (a part of a fen cannot be paid). Nil when the
  /// pool says neither, or a mistake was reported.
  mutating func checkRounding(_ p: PoolDecl) -> PoolRounding? {
    guard p.rounding != nil || p.decimals != nil else { return nil }
    var out = PoolRounding(mode: contract.currency.rounding, decimals: contract.currency.decimals)
    var ok = true
    if let r = p.rounding {
      if let mode = RoundingMode(rawValue: r.text) {
        out.mode = mode
      } else {
        error(
          .badRounding, "unknown rounding mode '\(r.text)' for pool '\(p.id.text)'", at: r.range,
          hint: "one of: \(RoundingMode.allCases.map(\.rawValue).joined(separator: ", "))")
        ok = false
      }
    }
    if let d = p.decimals {
      let most = contract.currency.decimals
      if let n = Int(d.value.description), (0...most).contains(n) {
        out.decimals = n
      } else {
        error(
          .badDecimals,
          "a pool's decimals must be a whole number from 0 to \(most), the decimals of \(contract.currency.code)",
          at: d.range,
          hint:
            "a pool may round to a coarser unit than the currency's (decimals 0: whole \(contract.currency.code)), never to a finer one"
        )
        ok = false
      }
    }
    return ok ? out : nil
  }
}
