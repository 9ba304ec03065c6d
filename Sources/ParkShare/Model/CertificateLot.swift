/// Green certificates held unsold, all issued in one month: the month is their production
/// month, from which their two years of validity run (国能发新能规〔2024〕67号).
public struct CertificateLot: Sendable, Codable, Hashable {
  /// The month the certificates were issued in (a `Period` of one month).
  public var month: Period
  public var certificates: Exact

  public init(month: Period, certificates: Exact) {
    self.month = month
    self.certificates = certificates
  }

  /// Months a certificate is valid, its production month included: one issued in 2026-01 can
  /// be sold through 2027-12 and is written off when that month ends.
  public static let validMonths = 24

  /// The last month the lot can be sold in.
  public var lastMonth: Period {
    Period(containing: month.firstMonth + Self.validMonths - 1, length: .month)
  }

  /// Whether the lot is past its validity once `month` (an absolute month) has ended.
  public func expires(after month: Int) -> Bool {
    month >= self.month.firstMonth + Self.validMonths - 1
  }
}

/// What `gec-sold`, `gec-expired` and `gec-held` read of a certificate inventory: the
/// certificates sold in the period, those written off unsold at the end of their validity, or
/// those held when the period closes; each by vintage (production year).
public enum CertificateView: String, Sendable, Hashable, CaseIterable {
  case sold, expired, held

  /// The function's name in the contract language.
  public var function: String { "gec-\(rawValue)" }
}

extension [CertificateLot] {
  /// The certificates the lots hold.
  public func total() throws(ArithmeticError) -> Exact { try map(\.certificates).sum() }
}
