import Foundation
import Testing

@testable import ParkShare

/// docs/statement.schema.json lists every kind of line the engine writes, and nothing else: a
/// new kind of line (a loss, a clawback, a redemption) must reach the schema finance tools
/// validate against. CI validates the reviewed JSON statements against the whole schema too.
@Suite struct StatementSchemaTests {
  @Test func theSchemaListsEveryKindOfLine() throws {
    let data = try Data(contentsOf: Paths.root.appendingPathComponent("docs/statement.schema.json"))
    let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let defs = try #require(schema["$defs"] as? [String: Any])
    let line = try #require(defs["line"] as? [String: Any])
    let properties = try #require(line["properties"] as? [String: Any])
    let kind = try #require(properties["kind"] as? [String: Any])
    let listed = try #require(kind["enum"] as? [String])
    #expect(Set(listed) == Set(AllocationLine.Kind.allCases.map(\.rawValue)))
    #expect(listed.count == AllocationLine.Kind.allCases.count)
  }
}
