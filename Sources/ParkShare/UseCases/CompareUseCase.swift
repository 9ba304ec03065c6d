/// `compare`: two variants of a contract settled on the same data, for one period, or replayed
/// over the settled periods of a ledger.
public enum CompareUseCase {
  public struct Request: Sendable {
    /// Variant A and variant B.
    public var contracts: [String]
    public var allowOutsideFiles: Bool
    public var over: Range
    /// Each variant's parameters (`--set-a`, `--set-b`), after those of both (`--set`).
    public var parameters: [[(name: String, value: String)]] = [[], []]

    public init(
      contracts: [String], allowOutsideFiles: Bool = false, over: Range,
      parameters: [[(name: String, value: String)]] = [[], []]
    ) {
      self.parameters = parameters
      self.contracts = contracts
      self.allowOutsideFiles = allowOutsideFiles
      self.over = over
    }
  }

  /// One period of data (its contract path is replaced by each variant's), or the settled
  /// periods of a ledger between `from` and `to` (both optional, inclusive).
  public enum Range: Sendable {
    case period(PeriodRequest)
    case ledger(String, from: Period?, to: Period?)
  }

  public static func run(_ request: Request) -> UseCaseOutcome<Comparison> {
    switch request.over {
    case .ledger(let dir, let from, let to):
      switch overLedger(request, dir, from: from, to: to) {
      case .failure(let stop): return .stopped(stop)
      case .success(let c): return UseCaseOutcome(c)
      }
    case .period(let period):
      // Both variants from one read of the bundle's readings.
      let variants = request.contracts.enumerated().map { (i, file) in
        var one = period
        one.contract = file
        one.allowOutsideFiles = request.allowOutsideFiles
        one.parameters = period.parameters + request.parameters[i]
        return one
      }
      let s = PeriodInputs.settle(variants: variants)
      let (diagnostics, sources) = (s.diagnostics, s.sources)
      guard let settled = s.value?.map(\.settlement) else {
        return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources, usage: s.usage)
      }
      do throws(ArithmeticError) {
        return UseCaseOutcome(
          try Comparison(settled[0], settled[1]), diagnostics: diagnostics, sources: sources)
      } catch {
        return UseCaseOutcome(
          nil, diagnostics: diagnostics + [tooLarge(error, settled[0])], sources: sources)
      }
    }
  }

  /// Differences or sums too large to compute: an error of the comparison.
  static func tooLarge(_ error: ArithmeticError, _ a: Settlement) -> Diagnostic {
    .error(
      .overflow, "the comparison cannot add up the variants' amounts: \(error)",
      at: .whole(a.contract.file))
  }
}
