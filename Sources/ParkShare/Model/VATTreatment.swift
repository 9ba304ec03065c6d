/// How a revenue or subsidy is taxed (增值税), as a `vat` line of the contract declares it:
/// `vat 13% included on direct_supply` (the formula's amount includes the tax), `vat 6% excluded
/// on ccer` (the tax comes on top), or `vat exempt on storage_ops`. Rates are contract data:
/// parkshare knows none.
public struct VATTreatment: Sendable, Encodable, Hashable {
  public enum Kind: String, Sendable, Codable, Hashable {
    case included, excluded, exempt
  }

  public var kind: Kind
  /// The rate as a fraction (0.13); zero when exempt.
  public var rate: Exact
  /// The rate as written (`13%`), or `exempt`: the tax class an invoice line shows.
  public var label: String
  /// The `vat` line.
  @ClauseText public var clause: SourceRange
}

/// Whether a pool's steps work on amounts including VAT (`shared gross`) or excluding it
/// (`shared net`). Either way every line then carries its part of the pool's VAT.
public enum VATSharing: String, Sendable, Codable, Hashable {
  case gross, net
}
