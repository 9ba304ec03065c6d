/// What `prove` found: for each `assert` line of the contract, how many cases held, or the
/// smallest counterexample (the values of the scenario's ranges at which the promise breaks,
/// shrunk toward the starting bundle's), and where its data bundle was written.
public struct Proof: Sendable, Encodable {
  public var contract: String
  /// The contract's file, for the command that settles a counterexample.
  public var file: String
  /// The parameters set for this run (a variant); nil otherwise.
  public var parameters: [ContractParameter]? = nil
  public var period: Period
  public var currency: String
  public var decimals: Int
  public var seed: UInt64
  /// Cases asked for, and cases run (fewer when every promise failed early).
  public var cases: Int
  public var run: Int
  public var dimensions: [Dimension]
  public var results: [Result]
  /// Cases the contract cannot settle (a division by zero, an amount past the arithmetic's
  /// range): a finding of its own, never a reason to lose the rest of the run. Nil when every
  /// case settled.
  public var unsettled: Unsettled? = nil

  /// How many cases could not be settled, and the first of them (in case order: the same on
  /// any number of threads).
  public struct Unsettled: Sendable, Encodable {
    public var count: Int
    /// The first such case, 1-based, and its values (one per dimension).
    public var firstAt: Int
    public var values: [Exact]
    public var message: String
    /// The clause the engine stopped at, when it names one.
    public var clause: SourceRange?
  }

  /// One range the search draws from.
  public struct Dimension: Sendable, Encodable {
    /// `input:ccer_price`, `kWh:pv-generation`.
    public var name: String
    public var kind: Scenario.Range.Kind
    public var low: Exact
    public var high: Exact
    /// The starting bundle's value (1 for a factor): shrinking moves a counterexample toward it.
    public var base: Exact
    /// Values are drawn on a grid of 10^-decimals.
    public var decimals: Int
    /// The unit a value range is in, as the contract stores the input (`CNY/tCO2e`; a contract
    /// that declares `MWh` stores kWh); empty for a factor or a plain number.
    public var unit: String = ""
  }

  public struct Result: Sendable, Encodable {
    public var assertion: Assertion
    /// Cases that held: before the first failure, or every case run when none failed.
    public var held: Int
    public var counterexample: Counterexample?
  }

  public struct Counterexample: Sendable, Encodable {
    /// The number of the first case that broke the promise (1: the first case).
    public var foundAt: Int
    /// The values of the dimensions as found, and as shrunk (dimension order).
    public var found: [Exact]
    public var values: [Exact]
    /// What the promise finds at `values`.
    public var verdict: Assertion.Verdict
    /// A promise about a rising input: the input's raised value and the amount there.
    public var raised: Exact? = nil
    public var raisedAmount: Exact? = nil
    /// Settlements computed while shrinking.
    public var shrinkSteps: Int
    /// Where its data bundle was written (and the raised case's), and whether settling the
    /// written bundle breaks the promise again.
    public var bundle: String? = nil
    public var raisedBundle: String? = nil
    public var reproduced: Bool? = nil
  }
}
