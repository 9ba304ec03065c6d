import Foundation
import Testing

@testable import ParkShare

/// `settle --format invoices` on the shipped VAT example: one row per revenue invoice and per
/// party and rate, the revenues' VAT equal to the parties' (the pool has no fund), a byte-order
/// mark; a contract without VAT gets the header and a note saying why.
@Suite struct InvoiceCommandTests {
  @Test func theShippedExampleListsEveryInvoice() throws {
    let r = try runParkshare([
      "settle", "contracts/park-carbon-assets.contract", "--data",
      "contracts/data/park-carbon-assets/2026Q1", "--period", "2026Q1", "--format", "invoices",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.hasPrefix("\u{FEFF}contract,period,type,kind,number,party,name,pool,source,"))
    let rows = r.out.split(separator: "\r\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    // ccer and cea_surplus, then seven parties with lines (E004 earned no points).
    #expect(rows.map { $0[3] } == ["revenue", "revenue"] + Array(repeating: "line", count: 7))
    func sum(_ kind: String, _ column: Int) throws -> Exact {
      try rows.filter { $0[3] == kind }.map { try #require(Exact($0[column])) }.sum()
    }
    #expect(try sum("revenue", 11) == Exact("196516.99"))
    #expect(try sum("line", 11) == Exact("196516.99"))
    #expect(try sum("line", 12) == Exact("3471800.00"))
    // Every row: excluding VAT plus VAT is the total.
    for row in rows { #expect(try Exact(row[10])! + Exact(row[11])! == Exact(row[12])!) }
  }

  @Test func aContractWithoutVATSaysTheListIsEmpty() throws {
    let r = try runParkshare([
      "settle", "contracts/rooftop-pv.contract", "--data", "contracts/data/rooftop-pv/2026Q1",
      "--period", "2026Q1", "--format", "invoices", "--no-bom",
    ])
    #expect(r.status == 0)
    #expect(r.out.split(separator: "\r\n").count == 1)
    #expect(r.err.contains("declares no VAT"))
  }
}
