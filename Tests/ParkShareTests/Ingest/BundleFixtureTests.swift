import Foundation
import Testing

@testable import ParkShare

/// Every data bundle under Fixtures/bundles is read against its contract (standard.contract, or
/// the one its contract.txt names) and the rendered diagnostics and result are compared with
/// NAME.expected, reviewed by eye once and held here.
@Suite struct BundleFixtureTests {
  static let folder = Paths.fixtures.appendingPathComponent("bundles")
  static let names = Paths.folders(in: folder)

  /// Reads the bundle `name` and renders what a user would see, paths relative to the fixtures.
  static func outcome(_ name: String) throws -> (text: String, computed: Bool, errors: Bool) {
    let r = try run(name)
    return (r.text, r.computed, r.diagnostics.hasErrors)
  }

  /// The bundle read and computed: what the user sees, and the diagnostics behind it with the
  /// renderer that shows them.
  static func run(_ name: String) throws -> (
    text: String, computed: Bool, diagnostics: [Diagnostic], renderer: DiagnosticRenderer
  ) {
    let dir = folder.appendingPathComponent(name)
    let contractName =
      (try? String(contentsOf: dir.appendingPathComponent("contract.txt"), encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "standard.contract"
    let (source, checked) = Checker.check(path: folder.appendingPathComponent(contractName).path)
    let contract = try #require(checked.contract, "\(contractName) must check clean")
    let period = Period("2026-01")!
    // Tiny chunks and two threads: the fixtures also exercise chunk boundaries.
    let loaded = DataBundle.load(
      directory: dir.path, contract: contract, period: period, threads: 2, chunkSize: 64)
    var diagnostics = loaded.diagnostics
    var lines: [String] = []
    var computed = false
    if let bundle = loaded.bundle {
      let outcome = Evaluator.run(contract: contract, bundle: bundle, opening: nil)
      diagnostics += outcome.diagnostics
      if let r = outcome.revenue {
        computed = true
        lines = r.items.filter { $0.kind == .revenue }.map {
          "\($0.id) = \((try? $0.total).map { "\($0)" } ?? "too large to add up") CNY"
        }
      }
    }
    let renderer = DiagnosticRenderer(sources: [source!] + checked.sources + loaded.sources)
    let text =
      renderer.render(diagnostics).replacingOccurrences(of: folder.path + "/", with: "")
      + (computed ? "computed:\n" + lines.map { "  " + $0 + "\n" }.joined() : "refused\n")
    return (text, computed, diagnostics, renderer)
  }

  @Test func thereAreAtLeastTwentyFiveBrokenBundles() throws {
    let broken = try Self.names.filter { try Self.outcome($0).errors }
    #expect(broken.count >= 25)
  }

  @Test(arguments: names)
  func bundle(name: String) throws {
    let (text, computed, errors) = try Self.outcome(name)
    let expected = Self.folder.appendingPathComponent(name + ".expected")
    #expect(try text == Golden.check(text, at: expected), "\(name)")
    // An error never comes with a result, and a result never comes with an error.
    #expect(computed != errors, "\(name)")
  }
}
