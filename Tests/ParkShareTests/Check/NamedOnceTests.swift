import Foundation
import Testing

@testable import ParkShare

/// A party takes one share, weight or stake per mention: named twice in one list it would be
/// paid twice. Every list of parties a contract has is checked (fixtures
/// `split-a-party-twice`, `split-group-and-member`, `duplicate-share`); registries cannot list a
/// party twice, so a cap, a rebate or a split over a group names each member once.
@Suite struct NamedOnceTests {
  static let registries = [
    "t.csv": "id,name,capital\nT1,one,100\nT2,two,200\n",
    "twice.csv": "id,name\nU1,one\nU2,two\nU1,again\n",
    "other.csv": "id,name\nT2,two again\n",
    "party.csv": "id,name\na,the operator again\n",
  ]

  /// The errors of a contract with these parties and pool steps, as (id, line, column).
  func errors(_ parties: String, _ steps: String) throws -> [(DiagnosticID, Int, Int)] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-once-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in Self.registries {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let text = AllocationTests.contract(
      parties, steps, inputs: "input amount CNY\ninput kwh kWh per party")
    let r = checkContract(text, name: "once.contract", folder: folder).result
    return r.diagnostics.filter { $0.severity == .error }
      .map { ($0.id, $0.range.start.line, $0.range.start.column) }
  }

  static let ab = """
    party a "a" operator capital 10 CNY
    party b "b" enterprise capital 20 CNY
    """

  @Test func aPartyTwiceInASplitByAMetricIsAnErrorAtItsSecondMention() throws {
    let e = try errors(Self.ab, "  split a, b, a by kwh")
    #expect(e.map(\.0) == [.duplicateParty] && e.first?.1 == 10 && e.first?.2 == 15, "\(e)")
  }

  @Test func aPartyTwiceInASplitByStakeIsAnError() throws {
    let e = try errors(Self.ab, "  split b, a, b by stake")
    #expect(e.map(\.0) == [.duplicateParty] && e.first?.2 == 15, "\(e)")
  }

  @Test func aGroupAndItsMemberInOneSplitByStakeIsAnError() throws {
    let parties = Self.ab + "\nparties tenants from \"t.csv\" enterprise"
    let after = try errors(parties, "  split tenants, a, T1 by stake")
    #expect(after.map(\.0) == [.duplicateParty] && after.first?.2 == 21, "\(after)")
    let before = try errors(parties, "  split T2, tenants by stake")
    #expect(before.map(\.0) == [.duplicateParty] && before.first?.2 == 13, "\(before)")
  }

  @Test func namesOnceEachAreNotFlagged() throws {
    let parties = Self.ab + "\nparties tenants from \"t.csv\" enterprise"
    #expect(try errors(parties, "  split a, tenants by stake").isEmpty)
    #expect(try errors(parties, "  split T1, T2, a by stake").isEmpty)
    #expect(try errors(parties, "  split T1, T2 by kwh").isEmpty)
  }

  @Test func aPartyTwiceInFixedSharesOrATierIsADuplicateShare() throws {
    let fixed = try errors(Self.ab, "  split a 50%, b 20%, a 30%")
    #expect(fixed.map(\.0).contains(.duplicateShare), "\(fixed)")
    let tier = try errors(
      Self.ab,
      """
        split tiered
          from 0 CNY to 1,000 CNY: a 50%, a 50%
          from 1,000 CNY: a 40%, b 60%
      """)
    #expect(tier.map(\.0).contains(.duplicateShare) && tier.first?.1 == 11, "\(tier)")
  }

  /// A registry's members are parties: one listed twice, in two registries, or also declared
  /// with `party` is a name defined twice, so no group can hold a member twice.
  @Test func aRegistryCannotListAPartyTwice() throws {
    let steps = "  split a 100%"
    let twice = try errors(Self.ab + "\nparties u from \"twice.csv\" enterprise", steps)
    #expect(twice.map(\.0) == [.duplicateName], "\(twice)")
    let two = try errors(
      Self.ab + "\nparties t from \"t.csv\" enterprise\nparties o from \"other.csv\" enterprise",
      steps)
    #expect(two.map(\.0) == [.duplicateName], "\(two)")
    let declared = try errors(Self.ab + "\nparties again from \"party.csv\" enterprise", steps)
    #expect(declared.map(\.0) == [.duplicateName], "\(declared)")
  }
}
