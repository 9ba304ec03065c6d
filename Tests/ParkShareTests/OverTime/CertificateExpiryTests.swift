import Foundation
import Testing

@testable import ParkShare

/// Green certificates held unsold and written off two years after their production month (国能发
/// 新能规〔2024〕67号): `gec-sold`, `gec-expired` and `gec-held` keep one inventory by production
/// month, carried from period to period in the state. Every figure below is worked by hand.
@Suite struct CertificateExpiryTests {
  static let contract = """
    contract certs "certificate inventory"
    currency CNY
    settle quarterly from 2026Q1 to 2027Q4
    party op "operator" operator
    input exported kWh monthly
    input gec_sold certs by vintage monthly
    input gec_price CNY/cert by vintage
    revenue certificates = gec-sold(exported, gec_sold) x gec_price
    kpi written_off = gec-expired(exported, gec_sold)
    kpi held = gec-held(exported, gec_sold)
    pool p = certificates
      split op 100%
    """

  /// Opening: 500 certificates of 2024-03 and 300 of 2024-05 unsold (2024-03's are valid
  /// through 2026-02).
  static let opening = CarryState(
    contract: "certs", period: Period("2025Q4"), gecRemainders: ["exported": .zero],
    certificates: [
      "exported": [
        CertificateLot(month: Period("2024-03")!, certificates: Exact(500)),
        CertificateLot(month: Period("2024-05")!, certificates: Exact(300)),
      ]
    ])

  static func facts(_ rows: String) -> String {
    "fact,value,vintage,month\n" + rows
  }

  static let q1 = facts(
    """
    exported,1500,,2026-01
    exported,2700,,2026-02
    exported,800,,2026-03
    gec_sold,200,2024,2026-01
    gec_sold,0,2024,2026-02
    gec_sold,100,2024,2026-03
    gec_sold,4,2026,2026-03
    gec_price,1.12,2024,
    gec_price,5.15,2026,

    """)

  /// January issues 1 (1,500 kWh, 500 carried) and sells 200 of 2024-03's 500; February
  /// issues 3 (500 + 2,700 = 3,200 kWh, 200 carried), sells none, and 2024-03's other 300
  /// are written off as February ends; March issues 1 (200 + 800) and sells 100 of 2024-05
  /// and 2026's four (2026-01's one and 2026-02's three). Sold: 300 of 2024 at 1.12 and 4 of
  /// 2026 at 5.15 = 336 + 20.60 = 356.60 CNY; written off 300; held 200 of 2024-05 and 1 of
  /// 2026-03.
  @Test func aVintageExpiresWithUnsoldCertificates() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try t.bundle("q1", ["facts.csv": Self.q1])
    let (r, messages) = t.revenue(dir, period: "2026Q1", opening: Self.opening)
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("certificates") == (try Exact(parsing: "356.60")))
    #expect(revenue.total("written_off") == Exact(300))
    #expect(revenue.total("held") == Exact(201))
    let expired = try #require(revenue.item("written_off")).value
    #expect(expired.cells == [Facet(vintage: 2024): Exact(300)])
    #expect(
      revenue.closing.certificates["exported"] == [
        CertificateLot(month: Period("2024-05")!, certificates: Exact(200)),
        CertificateLot(month: Period("2026-03")!, certificates: Exact(1)),
      ])
    #expect(revenue.closing.gecRemainders["exported"] == .zero)
    // The write-off is explained in its month, with the production month it came from.
    let text = RevenueText.render(revenue)
    #expect(
      text.contains(
        "certificates(exported, gec_sold) 2026-02: held 601 + issued 3 - sold 0 - written off unsold 300 (300 of 2024-03) = held 304"
      ), "\(text)")
    #expect(
      text.contains(
        "certificates of exported held unsold: 201 (200 of 2024-05, valid through 2026-04, 1 of 2026-03, valid through 2028-02)"
      ), "\(text)")
  }

  /// The next quarter opens with Q1's closing state: 2024-05's 200 are valid through April;
  /// 50 sold in April, the other 150 written off as April ends; selling 10 more of 2024 in May
  /// is refused at its row, since none are held.
  @Test func theStateCarriesTheLotsAndAnExpiredVintageCannotBeSold() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let q1 = try t.bundle("q1", ["facts.csv": Self.q1])
    let first = try #require(t.revenue(q1, period: "2026Q1", opening: Self.opening).revenue)
    let months = ["2026-04", "2026-05", "2026-06"]
    var rows = months.map { "exported,0,,\($0)\n" }.joined()
    rows += "gec_sold,50,2024,2026-04\ngec_sold,0,2024,2026-05\ngec_sold,0,2024,2026-06\n"
    rows += "gec_price,1.12,2024,\n"
    let q2 = try t.bundle("q2", ["facts.csv": Self.facts(rows)])
    let (r, messages) = t.revenue(q2, period: "2026Q2", opening: first.closing)
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("certificates") == Exact(56))
    #expect(revenue.total("written_off") == Exact(150))
    #expect(revenue.total("held") == Exact(1))

    let sells = rows.replacingOccurrences(
      of: "gec_sold,0,2024,2026-05", with: "gec_sold,10,2024,2026-05")
    let bad = try t.bundle("q2bad", ["facts.csv": Self.facts(sells)])
    let (none, refused) = t.revenue(bad, period: "2026Q2", opening: first.closing)
    #expect(none == nil)
    #expect(
      refused.contains(
        "facts.csv:6: gec_sold (vintage 2024) in 2026-05 sells 10 certificates, but 0 are held"),
      "\(refused)")
  }

  /// Sales not given by month are taken in the period's last month, after that month's
  /// issue and before its write-off; sales not by vintage take the oldest certificates of any
  /// vintage. 2024-03's 500 were written off as February ended, so in March 305 are held
  /// (2024-05's 300, and 1, 3 and 1 issued in January, February and March): 302 sold are
  /// 2024-05's 300 at 1.12 and 2 of 2026 at 5.15 = 336 + 10.30 = 346.30 CNY, 3 held after;
  /// 350 sold would be more than are held, refused at the sales row.
  @Test func salesForThePeriodAreTakenInItsLastMonth() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "input gec_sold certs by vintage monthly", with: "input gec_sold certs"))
    defer { t.remove() }
    let exported = "exported,1500,,2026-01\nexported,2700,,2026-02\nexported,800,,2026-03\n"
    let ok = try t.bundle(
      "ok",
      [
        "facts.csv": Self.facts(
          exported + "gec_sold,302,,\ngec_price,1.12,2024,\ngec_price,5.15,2026,\n")
      ])
    let (r, messages) = t.revenue(ok, period: "2026Q1", opening: Self.opening)
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("certificates") == (try Exact(parsing: "346.30")))
    #expect(revenue.total("written_off") == Exact(500))
    #expect(revenue.total("held") == Exact(3))
    let over = try t.bundle(
      "over", ["facts.csv": Self.facts(exported + "gec_sold,350,,\ngec_price,1.12,2024,\n")])
    let (none, refused) = t.revenue(over, period: "2026Q1", opening: Self.opening)
    #expect(none == nil)
    #expect(
      refused.contains("facts.csv:5: gec_sold in 2026-03 sells 350 certificates, but 305 are held"),
      "\(refused)")
  }

  /// What --closing writes, read back by --opening; a lot past its validity, a lot of a
  /// fraction of a certificate and lots out of order are refused at their place.
  @Test func theStateFileRoundTripsAndRefusesImpossibleLots() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(Self.opening), as: UTF8.self)
    #expect(
      json.contains(
        #""certificates":{"exported":[{"certificates":"500","month":"2024-03"},{"certificates":"300","month":"2024-05"}]}"#
      ), "\(json)")
    try t.write("opening.json", json)
    let path = t.folder.appendingPathComponent("opening.json").path
    let (state, problems) = CarryStateReader.read(path, contract: t.contract)
    #expect(problems.isEmpty, "\(problems)")
    #expect(state == Self.opening)

    let bad =
      json
      .replacingOccurrences(of: #""month":"2024-03""#, with: #""month":"2023-12""#)
      .replacingOccurrences(of: #""certificates":"300""#, with: #""certificates":"2.5""#)
    try t.write("bad.json", bad)
    let badPath = t.folder.appendingPathComponent("bad.json").path
    let (none, found) = CarryStateReader.read(badPath, contract: t.contract)
    #expect(none == nil)
    let messages = found.map(\.message)
    #expect(
      messages.contains(
        "certificates of \"exported\" issued in 2023-12 were written off at the end of 2025-11 (24 months): they cannot be held"
      ), "\(messages)")
    #expect(
      messages.contains("a lot holds a whole number of certificates above 0, not '2.5'"),
      "\(messages)")
  }

  /// The sales are an input in certs for the park; one kWh is one inventory, sold from one
  /// record of sales. Each refusal is at its name, all in one run.
  @Test func theCheckerRefusesSalesThatCannotBeAnInventorysRecord() {
    let text =
      Self.contract + """

        input kwh_sold kWh
        input other_sold certs
        kpi k1 = gec-held(exported, kwh_sold)
        kpi k2 = gec-sold(exported, other_sold)
        kpi k3 = gec-expired(exported, 5 certs)
        kpi k4 = gec-held(exported)
        """
    let (result, rendered) = checkContract(
      text, name: "c.contract", folder: URL(fileURLWithPath: "/nonexistent"))
    #expect(result.contract == nil)
    #expect(
      rendered.contains(
        "'kwh_sold' must be the certificates sold, one record for the park: an input in certs, not per member"
      ), "\(rendered)")
    #expect(
      rendered.contains(
        "the certificates of 'exported' are already sold as 'gec_sold' records: one inventory, one record of sales"
      ), "\(rendered)")
    #expect(
      rendered.contains(
        "gec-expired() reads the certificates sold from an input, given by its name"),
      "\(rendered)")
    #expect(rendered.contains("'gec-held' takes 2 arguments, not 1"), "\(rendered)")
  }

  /// Certificates counted twice are refused when checked: gec() of kWh whose certificates an
  /// inventory keeps (each would be valued as issued and again as sold), and one record of
  /// sales drawn on by two inventories (the same sales booked twice).
  @Test func certificatesCountedTwiceAreRefused() {
    let twice = Self.contract + "\nrevenue also = gec(exported) x gec_price\n"
    let (r1, t1) = checkContract(
      twice, name: "c.contract", folder: URL(fileURLWithPath: "/nonexistent"))
    #expect(r1.contract == nil)
    #expect(
      t1.contains(
        "error[double-counting]: the certificates of 'exported' are kept in an inventory sold as 'gec_sold': gec(exported) would count them again"
      ), "\(t1)")
    let shared =
      Self.contract + "\ninput exported2 kWh monthly\nkpi other = gec-held(exported2, gec_sold)\n"
    let (r2, t2) = checkContract(
      shared, name: "c.contract", folder: URL(fileURLWithPath: "/nonexistent"))
    #expect(r2.contract == nil)
    #expect(
      t2.contains(
        "'gec_sold' already records the sales of the certificates of 'exported': one record of sales, one inventory"
      ), "\(t2)")
  }

  /// Every bad sales row is named when the bundle is read, all in one run; a sale of more than
  /// is held is reported once, not once for each of the inventory's three views.
  @Test func badSalesAreNamedAtTheirRowsOnce() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let rows = Self.q1.replacingOccurrences(
      of: "gec_sold,0,2024,2026-02", with: "gec_sold,1.5,2024,2026-02"
    ).replacingOccurrences(of: "gec_sold,4,2026,2026-03", with: "gec_sold,-1,2026,2026-03")
    let bad = try t.bundle("bad", ["facts.csv": rows])
    let (none, messages) = t.revenue(bad, period: "2026Q1", opening: Self.opening)
    #expect(none == nil)
    #expect(
      messages.contains(
        "facts.csv:6:1: error[bad-value]: '1.5' certificates of 'gec_sold': certificates are sold whole, 0 or more"
      ), "\(messages)")
    #expect(
      messages.contains(
        "facts.csv:8:1: error[bad-value]: '-1' certificates of 'gec_sold': certificates are sold whole, 0 or more"
      ), "\(messages)")
    let over = Self.q1.replacingOccurrences(
      of: "gec_sold,4,2026,2026-03", with: "gec_sold,9,2026,2026-03")
    let dir = try t.bundle("over", ["facts.csv": over])
    let (none2, m2) = t.revenue(dir, period: "2026Q1", opening: Self.opening)
    #expect(none2 == nil)
    let says = "sells 9 certificates, but 5 are held"
    #expect(m2.components(separatedBy: says).count == 2, "\(m2)")
  }

  /// An inventory dates each certificate by its production month: kWh given once for the
  /// quarter would date January's with March. An opening state holding certificates of an
  /// inventory the contract does not keep (its kWh rewritten) is refused, never dropped.
  @Test func kWhWithoutMonthsAndAnOrphanedInventoryAreRefused() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "input exported kWh monthly", with: "input exported kWh"))
    defer { t.remove() }
    let rows = Self.facts(
      "exported,5000,,\ngec_sold,0,2024,2026-01\ngec_sold,0,2024,2026-02\ngec_sold,0,2024,2026-03\ngec_price,1.12,2024,\n"
    )
    let dir = try t.bundle("q1", ["facts.csv": rows])
    let (none, messages) = t.revenue(dir, period: "2026Q1", opening: Self.opening)
    #expect(none == nil)
    #expect(
      messages.contains(
        "gec-sold(exported, gec_sold): 'exported' has no months: an inventory dates each certificate by its production month"
      ), "\(messages)")

    let m = try TestBundle(contract: Self.contract)
    defer { m.remove() }
    var orphan = Self.opening
    orphan.certificates = ["exported + 0": Self.opening.certificates["exported"]!]
    let q1 = try m.bundle("q1", ["facts.csv": Self.q1])
    let (none2, m2) = m.revenue(q1, period: "2026Q1", opening: orphan)
    #expect(none2 == nil)
    #expect(
      m2.contains(
        "error[bad-state]: the opening state holds certificates of 'exported + 0', an inventory 'certs' does not keep"
      ), "\(m2)")
  }
}
