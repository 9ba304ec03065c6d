/// What each amount of a state file may be: its key must name what the contract pays or keeps,
/// and its value must be one a settlement could have closed with.
extension CarryStateReader {
  /// `POOL/STEP/PARTY`: unpaid amounts of a `pay` step that carries arrears; never negative (a
  /// step never pays more than is due).
  static func arrears(_ key: String, _ v: Exact, _ c: Contract) -> Problem? {
    let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, let pool = c.pools.first(where: { $0.id == parts[0] }) else {
      return Problem(
        why: "the key must be POOL/STEP/PARTY, with POOL a pool of '\(c.id)'", atKey: true)
    }
    guard let n = Int(parts[1]), n >= 1, n <= pool.steps.count,
      case .pay(let party, _, true) = pool.steps[n - 1].kind, party == parts[2]
    else {
      return Problem(
        why:
          "step \(parts[1]) of pool '\(pool.id)' is not a 'pay \(parts[2])' that carries arrears",
        atKey: true)
    }
    return v.isNegative ? Problem(why: "arrears are what a step still owes: 0 or more") : nil
  }

  /// A fund the contract reserves to; its balance is what was reserved, never negative.
  static func fund(_ key: String, _ v: Exact, _ c: Contract) -> Problem? {
    guard c.funds.contains(key) else {
      return Problem(why: "'\(c.id)' reserves to no fund '\(key)'", atKey: true)
    }
    // A fund that carries a pool's deficit (`loss carried to FUND`) is below zero while the
    // deficit is unrecovered.
    let deficit = c.pools.contains { pool in
      pool.steps.contains { if case .loss(.carried(key)) = $0.kind { true } else { false } }
    }
    if v.isNegative && !deficit {
      return Problem(why: "a fund's balance is what was reserved to it: 0 or more")
    }
    if deficit && v > .zero {
      return Problem(
        why: "a deficit fund holds what a pool's losses left to recover: 0 or less")
    }
    return minorUnits(v, c)
  }

  /// `POOL/PARTY`: what a party was paid from a pool over the term, a sum of amounts paid.
  /// Negative only for a party that pays another's floor from that pool (`floor P AMOUNT paid
  /// by Q`), who may bear more than it is paid.
  static func received(_ key: String, _ v: Exact, _ c: Contract) -> Problem? {
    let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2, let pool = c.pools.first(where: { $0.id == parts[0] }) else {
      return Problem(why: "the key must be POOL/PARTY, with POOL a pool of '\(c.id)'", atKey: true)
    }
    let party = parts[1]
    guard
      c.parties.contains(where: { $0.id == party })
        || c.groups.contains(where: { $0.members.contains(party) })
    else { return Problem(why: "'\(party)' is not a party of '\(c.id)'", atKey: true) }
    // A party bears part of a loss, gives back a clawback or pays another's floor: it may have
    // received less than nothing.
    let pays = pool.steps.contains {
      switch $0.kind {
      case .floor(_, _, let payer): payer == party
      // An annual term moves money both ways among the split's parties, and its payer pays.
      case .annual: true
      case .loss, .clawback: true
      default: false
      }
    }
    if v.isNegative && !pays {
      return Problem(
        why:
          "what '\(party)' received from pool '\(pool.id)' is a sum of amounts paid to it: 0 or more; only a party that pays a floor ('paid by'), bears a loss or gives back a clawback may have received less than nothing"
      )
    }
    return minorUnits(v, c)
  }

  /// Amounts paid are whole minor units (fen).
  static func minorUnits(_ v: Exact, _ c: Contract) -> Problem? {
    let d = c.currency.decimals
    guard (try? v.rounded(scale: d, .halfUp)) == v else {
      return Problem(why: "amounts paid are whole minor units: at most \(d) decimal places")
    }
    return nil
  }
}
