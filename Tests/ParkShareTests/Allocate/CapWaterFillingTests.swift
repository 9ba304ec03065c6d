import Foundation
import Testing

@testable import ParkShare

/// The caps' water-filling (`Allocator.fixedPoint`) against the rounds it replaces
/// (`fixedPointByRounds`, the fixed point as docs/statement.md words it), on random small pools:
/// the same lines (recipients, kinds, clauses, texts, exact fractions to the numerator and
/// denominator, paid amounts), the same unallocated amounts and notes, the same closing state,
/// or the same error.
@Suite struct CapWaterFillingTests {
  /// One pool settled both ways.
  struct Both {
    var fast: Result<([PoolResult], CarryState), EvaluationFailure>
    var rounds: Result<([PoolResult], CarryState), EvaluationFailure>
  }

  static func settleBothWays(
    _ contract: String, files: [String: String], amount: String, opening: CarryState?
  ) throws -> Both {
    let t = try TestBundle(contract: contract, files: files)
    defer { t.remove() }
    let dir = try t.facts("2026Q1", [("amount", amount)])
    let loaded = DataBundle.load(directory: dir, contract: t.contract, period: Period("2026Q1")!)
    let bundle = try #require(loaded.bundle, "\(loaded.diagnostics.map(\.message))")
    let o = Evaluator.run(contract: t.contract, bundle: bundle, opening: opening)
    let revenue = try #require(o.revenue, "\(o.diagnostics.map(\.message))")
    let evaluator = try #require(o.evaluator)
    func run(_ byRounds: Bool) -> Result<([PoolResult], CarryState), EvaluationFailure> {
      var a = Allocator(evaluator: evaluator, revenue: revenue)
      a.limitsByRounds = byRounds
      do throws(EvaluationFailure) {
        let pools = try a.run()
        return .success((pools, a.state))
      } catch {
        return .failure(error)
      }
    }
    return Both(fast: run(false), rounds: run(true))
  }

  /// A random contract: an operator and a second party, registries g (capped each) and h, a
  /// split by stake with zero and equal stakes, caps (each, on a group, on a party, per period and
  /// over the term) that often equal a share to the fen, floors with and without a payer.
  static func randomCase(_ rng: inout SplitMix) -> (
    contract: String, files: [String: String], amount: String, opening: CarryState
  ) {
    func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    let stakes = [0, 1, 1, 2, 3, 5, 10]
    let g = (1...(1 + pick(7))).map { "g\($0)" }
    let h = (1...(1 + pick(3))).map { "h\($0)" }
    var capital: [String: Int] = [:]
    for m in g + h { capital[m] = stakes[pick(stakes.count)] }
    capital["op"] = stakes[1 + pick(stakes.count - 1)]
    capital["xp"] = stakes[pick(stakes.count)]
    let inSplit = ["op"] + (pick(2) == 0 ? ["xp"] : []) + ["g"] + (pick(2) == 0 ? ["h"] : [])
    var weight = 0
    for p in inSplit {
      weight +=
        p == "g"
        ? g.map { capital[$0]! }.reduce(0, +)
        : p == "h"
          ? h.map { capital[$0]! }
            .reduce(0, +) : capital[p]!
    }
    // A pool that is a whole number of CNY per unit of stake makes every split share whole, so
    // a cap drawn from the shares equals one exactly; else an amount with fen.
    let unit = 1 + pick(50)
    let amount =
      pick(2) == 0 ? "\(max(weight, 1) * unit)" : "\(1 + pick(100_000)).\(pick(100))"
    let shares = (g + h + ["op", "xp"]).map { capital[$0]! * unit }.filter { $0 > 0 }
    func amountText() -> String {
      switch pick(4) {
      case 0, 1: return "\(shares.isEmpty ? 1 : shares[pick(shares.count)])"
      case 2: return "\(pick(3 * unit * 10 + 1))"
      default: return "\(pick(3000)).\(pick(100))"
      }
    }
    func term() -> String { pick(3) == 0 ? "over term" : "per period" }
    var steps = pick(4) == 0 ? "  pay xp \(pick(200)) CNY\n" : ""
    steps += "  split \(inSplit.joined(separator: ", ")) by stake\n"
    var limits: [String] = []
    limits.append("  cap each g \(amountText()) CNY \(term())")
    if pick(3) == 0 { limits.append("  cap each g \(amountText()) CNY \(term())") }
    if inSplit.contains("h"), pick(2) == 0 {
      limits.append("  cap h \(amountText()) CNY \(term())")
    }
    // A floor above op's own cap per period is refused by the checker: op's floors stay under.
    var opCap: Exact? = nil
    if pick(3) == 0 {
      let (amount, span) = (amountText(), term())
      if span == "per period" { opCap = Exact(amount) }
      limits.append("  cap op \(amount) CNY \(span)")
    }
    if pick(12) == 0 { limits.append("  cap g \(amountText()) CNY per period") }
    for _ in 0..<pick(3) {
      let party = (g + h + ["op", "xp"])[pick(g.count + h.count + 2)]
      let payer = pick(3) == 0 ? " paid by xp" : ""
      var amount = amountText()
      if party == "op", let cap = opCap, cap < Exact(amount)! { amount = cap.description }
      limits.append("  floor \(party) \(amount) CNY\(payer)")
    }
    for i in limits.indices.reversed() where pick(3) == 0 {
      limits.swapAt(i, pick(i + 1))
    }
    steps += limits.joined(separator: "\n")
    let parties = """
      party op "op" operator capital \(capital["op"]!) CNY
      party xp "xp" operator capital \(capital["xp"]!) CNY
      parties g from "g.csv" enterprise
      parties h from "h.csv" enterprise
      """
    var files: [String: String] = [:]
    files["g.csv"] = "id,name,capital\n" + g.map { "\($0),\($0),\(capital[$0]!)\n" }.joined()
    files["h.csv"] = "id,name,capital\n" + h.map { "\($0),\($0),\(capital[$0]!)\n" }.joined()
    var received: [PoolParty: Exact] = [:]
    for m in g + h where pick(3) == 0 {
      received[PoolParty(pool: "p", party: m)] = Exact(pick(200 * unit))
    }
    return (
      AllocationTests.contract(parties, steps), files, amount,
      CarryState(contract: "alloc", received: received)
    )
  }

  /// A fraction's numerator and denominator as kept, not only its value.
  static func terms(_ f: Fraction) -> String { "\(f.wide.n.decimal)/\(f.wide.d.decimal)" }

  static func same(_ a: [PoolResult], _ b: [PoolResult], _ what: String) {
    #expect(a.count == b.count, "\(what)")
    let w = Wording.en
    for (p, q) in zip(a, b) {
      #expect(p.lines.count == q.lines.count, "\(what)")
      for (l, m) in zip(p.lines, q.lines) {
        #expect(
          [
            l.recipient.recorded, l.kind.rawValue, l.clause.clause, w.basis(l.basis),
            w.rate(l.rate),
          ]
            + [Self.terms(l.exact)]
            == [
              m.recipient.recorded, m.kind.rawValue, m.clause.clause, w.basis(m.basis),
              w.rate(m.rate),
            ]
            + [Self.terms(m.exact)],
          "\(what)")
        #expect(l.amount == m.amount && "\(l.amount)" == "\(m.amount)", "\(what)")
      }
      #expect(Self.terms(p.unallocatedExact) == Self.terms(q.unallocatedExact), "\(what)")
      #expect("\(p.unallocated)" == "\(q.unallocated)", "\(what)")
      #expect(p.notes == q.notes, "\(what)")
    }
  }

  @Test func waterFillingGivesWhatTheRoundsGive() throws {
    var bound = 0
    var refused = 0
    for seed in 1...300 as ClosedRange<UInt64> {
      var rng = SplitMix(seed: seed)
      let c = Self.randomCase(&rng)
      let both = try Self.settleBothWays(
        c.contract, files: c.files, amount: c.amount, opening: c.opening)
      let what = "seed \(seed):\n\(c.contract)\namount \(c.amount)"
      switch (both.fast, both.rounds) {
      case (.success(let f), .success(let r)):
        Self.same(f.0, r.0, what)
        #expect(f.1 == r.1, "\(what)")
        if f.0[0].lines.filter({ $0.kind == .cap }).count > 1 { bound += 1 }
      case (.failure(let f), .failure(let r)):
        #expect(f.message == r.message && f.clause == r.clause, "\(what)")
        refused += 1
      default:
        Issue.record("one way settled, the other did not: \(both), \(what)")
      }
    }
    // The cases reach what the walk must get right: several caps bound at once, and refusals.
    #expect(bound > 50, "\(bound) cases with two caps or more bound")
    #expect(refused > 0 && refused < 150, "\(refused) cases refused")
  }
}
