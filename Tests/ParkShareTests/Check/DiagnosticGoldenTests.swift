import Foundation
import Testing

@testable import ParkShare

/// Every broken contract under Fixtures/contracts has its expected diagnostics beside it
/// (NAME.expected), reviewed by eye once and held here.
@Suite struct DiagnosticGoldenTests {
  static let names = Paths.files(in: Paths.brokenContracts, ending: ".contract")

  @Test func thereAreAtLeastFortyBrokenContracts() {
    #expect(Self.names.count >= 40)
  }

  @Test(arguments: names)
  func diagnostics(name: String) throws {
    let url = Paths.brokenContracts.appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    let (result, rendered) = checkContract(text, name: name, folder: Paths.brokenContracts)
    let expectedURL = url.deletingPathExtension().appendingPathExtension("expected")
    #expect(try rendered == Golden.check(rendered, at: expectedURL), "\(name)")
    // Every fixture is broken or at least warned about; none produces a contract silently.
    #expect(!result.diagnostics.isEmpty)
    if result.diagnostics.hasErrors { #expect(result.contract == nil) }
  }
}
