import Foundation
import Testing

@testable import ParkShare

/// Terms the checker cannot sign without data (a rate x an input): a period whose data makes one
/// negative is refused at the step's clause instead of settling a negative pay, reserve, cap or
/// floor. The checker's refusals of terms written negative are the negative-* contract fixtures.
@Suite struct NegativeTermTests {
  static func settle(_ step: String, adjustment: String) throws -> (Settlement?, String) {
    let text = """
      contract signs "signs"
      currency CNY rounding half-up
      settle quarterly from 2026Q1 to 2027Q4
      party a "A" operator
      party b "B" energy-service
      input amount CNY
      input adjustment CNY
      revenue income = amount
      pool p = income
        split a 50%, b 50%
      \(step)
      """
    let t = try TestBundle(contract: text)
    defer { t.remove() }
    let dir = try t.facts("2026Q1", [("amount", "1000"), ("adjustment", adjustment)])
    return t.settle(dir, period: "2026Q1")
  }

  @Test(arguments: [
    ("  cap b adjustment per period", "the cap is -10 CNY"),
    ("  floor b adjustment paid by a", "the floor is -10 CNY"),
  ])
  func aLimitNegativeInTheDataIsAnErrorAtItsClause(step: String, message: String) throws {
    let (s, messages) = try Self.settle(step, adjustment: "-10")
    #expect(s == nil)
    #expect(messages.contains("error[cannot-allocate]"), "\(messages)")
    #expect(messages.contains(message), "\(messages)")
    #expect(messages.contains("this period; it cannot be negative"), "\(messages)")
  }

  @Test func aReserveNegativeInTheDataIsAnErrorAtItsClause() throws {
    let text = """
      contract signs "signs"
      currency CNY rounding half-up
      settle quarterly from 2026Q1 to 2027Q4
      party a "A" operator
      party b "B" energy-service
      input amount CNY
      input adjustment CNY
      revenue income = amount
      pool p = income
        reserve adjustment to upkeep
        split a 50%, b 50%
      """
    let t = try TestBundle(contract: text)
    defer { t.remove() }
    let dir = try t.facts("2026Q1", [("amount", "1000"), ("adjustment", "-250")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    #expect(s == nil)
    #expect(messages.contains("the amount is -250 CNY this period"), "\(messages)")
    // The same terms with data that keep them unsigned settle: 1,000 - 250 reserved, 375 each.
    let ok = try t.facts("2026Q1b", [("amount", "1000"), ("adjustment", "250")])
    let (settled, more) = t.settle(ok, period: "2026Q1")
    let done = try #require(settled, "\(more)")
    #expect(done.net("a") == Exact("375"))
    #expect(done.net("b") == Exact("375"))
  }
}
