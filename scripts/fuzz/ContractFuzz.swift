// libFuzzer harness: contract text through the lexer, parser, checker and formatter.
// Built by scripts/fuzz.sh with the library's sources; not part of the package.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let source = SourceFile(path: "fuzz.contract", text: text)
  let result = Checker.check(source) { name in
    // Registries: a small fixed one, so group declarations are exercised too.
    (name, "id,name,capital\nT1,一号,100\nT2,\"二, 号\",\n")
  }
  _ = DiagnosticRenderer(sources: [source] + result.sources).render(result.diagnostics)
  _ = Formatter.format(source)
  return 0
}
