extension Checker {
  /// The `vat` lines and the pools' `shared` clauses. A contract without `vat` lines has no VAT
  /// anywhere (and its outputs keep their bytes); one with them must treat every revenue and
  /// subsidy a pool takes, and every pool that takes a taxed one says how it is shared.
  mutating func checkVAT() {
    var given: [String: Name] = [:]
    // Named on a broken `vat` line: reported there, not again as untreated.
    var broken: Set<String> = []
    var any = false
    for d in file.declarations {
      guard case .vat(let v) = d.kind else { continue }
      any = true
      guard let treatment = vatTreatment(v, clause: d.range) else {
        broken.formUnion(v.names.map(\.text))
        continue
      }
      for name in v.names {
        guard resolve(name, as: [.revenue, .subsidy], what: "revenue or subsidy") != nil else {
          continue
        }
        if let first = given[name.text] {
          error(
            .badVAT, "'\(name.text)' already has a VAT treatment", at: name.range,
            hint: "a revenue is taxed one way: keep one 'vat' line naming it",
            notes: [.init(message: "first given here", range: first.range)])
          continue
        }
        given[name.text] = name
        contract.vat = (contract.vat ?? [:]).merging([name.text: treatment]) { a, _ in a }
      }
    }
    for d in file.declarations {
      guard case .pool(let p) = d.kind else { continue }
      let sharing = vatSharing(p, any: any)
      if let i = contract.pools.firstIndex(where: { $0.id == p.id.text }) {
        contract.pools[i].sharing = sharing
        // A carry fund keeps amounts without VAT: under gross sharing its balance would come
        // back into a pool whose steps split VAT again (not supported, refused).
        if sharing == .gross, any,
          let step = contract.pools[i].steps.first(where: { $0.perUnit?.carry != nil })
        {
          error(
            .badVAT,
            "pool '\(p.id.text)' is shared gross: a distribution per unit cannot carry its rest in '\(step.perUnit!.carry!)'",
            at: step.clause,
            hint: "share the pool net ('shared net'), or leave the rest to a later step of the pool"
          )
        }
      }
      guard any else { continue }
      var taxed = false
      for source in p.sources {
        // An unknown source was reported by the pool.
        guard let kind = symbols[source.text]?.kind, kind == .revenue || kind == .subsidy else {
          continue
        }
        guard let t = contract.vat?[source.text] else {
          if broken.contains(source.text) { continue }
          error(
            .missingVAT, "'\(source.text)' has no VAT treatment", at: source.range,
            hint:
              "add 'vat RATE included on \(source.text)' (or 'excluded', or 'vat exempt on \(source.text)'), with the rate the contract states"
          )
          continue
        }
        if t.kind != .exempt { taxed = true }
      }
      if taxed, p.sharing == nil {
        error(
          .missingVAT, "pool '\(p.id.text)' takes taxed revenue but does not say how VAT is shared",
          at: p.id.range,
          hint:
            "end the pool's line with 'shared gross' (its steps work on amounts including VAT) or 'shared net' (excluding it)"
        )
      }
    }
  }

  private mutating func vatTreatment(_ v: VATDecl, clause: SourceRange) -> VATTreatment? {
    guard let kind = VATTreatment.Kind(rawValue: v.kind.text) else {
      let words = ["included", "excluded", "exempt"]
      error(
        .badVAT, "unknown VAT treatment '\(v.kind.text)'", at: v.kind.range,
        hint: (Self.vatSynonyms[v.kind.text] ?? Spelling.nearest(v.kind.text, in: words)).map {
          "did you mean '\($0)'?"
        }
          ?? "'vat 13% included on ...', 'vat 6% excluded on ...' or 'vat exempt on ...'")
      return nil
    }
    guard kind != .exempt else {
      if let rate = v.rate {
        error(
          .badVAT, "an exempt revenue has no rate", at: rate.range,
          hint: "write 'vat exempt on ...', or give the rate with 'included' or 'excluded'")
        return nil
      }
      return VATTreatment(kind: .exempt, rate: .zero, label: "exempt", clause: clause)
    }
    guard let rate = v.rate else {
      error(
        .badVAT, "'\(kind.rawValue)' needs a rate before it", at: v.kind.range,
        hint: "'vat 13% \(kind.rawValue) on ...': the rate the contract states")
      return nil
    }
    guard !rate.value.isNegative, rate.value <= Exact(1) else {
      error(
        .badVAT, "a VAT rate is between 0% and 100%: '\(rate.text)'", at: rate.range,
        hint: "write the rate the contract states, such as 13% or 6%")
      return nil
    }
    // The class is the rate's value: 13%, 13.0% and 013% are one class, written 13%.
    return VATTreatment(kind: kind, rate: rate.value, label: rate.value.percentText, clause: clause)
  }

  /// Words a contract writer may reach for, and the one the language uses.
  static let vatSynonyms = [
    "inclusive": "included", "exclusive": "excluded", "including": "included",
    "excluding": "excluded", "free": "exempt", "exemption": "exempt",
  ]

  private mutating func vatSharing(_ p: PoolDecl, any: Bool) -> VATSharing? {
    guard let word = p.sharing else { return nil }
    guard let sharing = VATSharing(rawValue: word.text) else {
      error(
        .badVAT, "unknown sharing '\(word.text)'", at: word.range,
        hint: Spelling.nearest(word.text, in: ["gross", "net"]).map { "did you mean '\($0)'?" }
          ?? "'shared gross' (amounts including VAT) or 'shared net' (excluding it)")
      return nil
    }
    guard any else {
      error(
        .badVAT, "pool '\(p.id.text)' says how VAT is shared, but no 'vat' line taxes anything",
        at: word.range,
        hint:
          "declare the revenues' VAT ('vat 13% included on ...'), or remove 'shared \(word.text)'")
      return nil
    }
    return sharing
  }
}
