/// Everything a contract computes for one period from its data, each value with how it was
/// computed: the input to allocation, and what `parkshare revenue` prints.
public struct PeriodRevenue: Sendable, Encodable {
  public var contract: String
  public var period: Period
  public var currency: String
  /// Lets, KPIs, revenues, subsidies and points, in the order the contract declares them.
  public var items: [Computed]
  public var opening: CarryState
  public var closing: CarryState
  public var data: DataSummary
  /// The parameters this run gave other values (a variant, `--set`); nil (and not written)
  /// otherwise, as in every ledger record.
  public var parameters: [ContractParameter]? = nil

  /// The item named `id`.
  public func item(_ id: String) -> Computed? { items.first { $0.id == id } }
}

/// One computed value of the contract and its explanation.
public struct Computed: Sendable, Encodable {
  /// Decodable too: the journal reads which recorded items are subsidies.
  public enum Kind: String, Sendable, Codable {
    case `let`, kpi, revenue, subsidy, points
  }

  public var id: String
  public var kind: Kind
  /// The clause that defines it (its JSON cites it as `file:line`).
  @ClauseText public var clause: SourceRange
  /// The formula in contract syntax (for a subsidy, before its phase-out factor).
  public var formula: String
  public var unit: String
  /// The value: one total, or one cell per member / month / vintage.
  public var value: Quantity
  /// The inputs, meter sums, band prices, certificate months and factors behind the value.
  public var details: [Detail]

  /// The value summed into one number; a sum too large for 38 digits is an error, never a
  /// smaller number.
  public var total: Exact {
    get throws(ArithmeticError) { try value.total() }
  }
}

/// The data a period was computed from, for the record.
public struct DataSummary: Sendable, Encodable {
  public var directory: String
  public var readingFiles: [String]
  public var rows: Int
  public var meters: Int
  /// Intervals with no reading, by meter (only under `gaps zero`; otherwise they are errors).
  public var missingIntervals: [String: Int]
  /// Intervals filled by the contract's `estimate` rule, by meter; absent when none were (so
  /// records of periods without estimates keep their bytes).
  public var estimatedIntervals: [String: Int]? = nil
  /// The rule that estimated them, as `file:line`: the contract's `estimate` line or the
  /// bundle's import.profile's; absent when nothing was estimated.
  public var estimatedBy: String? = nil
  /// Readings the meter system flagged estimated or substituted, by meter; absent when none.
  public var flaggedIntervals: [String: Int]? = nil
}

extension Quantity: Encodable {
  enum CodingKeys: String, CodingKey { case total, cells }

  /// `{"total": "15630.25", "cells": {"2026-01": "...", ...}}`; cells only when there are
  /// parts.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(try total(), forKey: .total)
    if !dims.isEmpty {
      var cells: [String: Exact] = [:]
      for (f, v) in sorted { cells[f.label] = v }
      try c.encode(cells, forKey: .cells)
    }
  }
}
