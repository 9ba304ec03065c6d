import Foundation
import ParkShare

/// `parkshare termsheet CONTRACT [--against OTHER] [--format text|html|pdf] [--out FILE]
/// [--lang zh|en]`
enum TermSheetCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard args.operands.count == 1 else { throw Usage(message: "give one contract file") }
    let format = try args.format(["text", "html", "pdf"], "--format is text, html or pdf")
    let language = try args.language(.en)
    let out = args.options["--out"]
    if format == "pdf" && out == nil {
      throw Usage(message: "--format pdf writes a file: give --out FILE")
    }
    let outcome = TermSheetUseCase.run(
      contract: args.operands[0], against: args.options["--against"],
      allowOutsideFiles: args.outside)
    guard let sheet = try Output.show(outcome) else { return ExitCode.inputError }
    let data: Data
    switch format {
    case "html": data = Data(TermSheetText.html(sheet, language: language).utf8)
    case "pdf": data = Data(TermSheetText.pdf(sheet, language: language))
    default: data = Data(TermSheetText.text(sheet, language: language).utf8)
    }
    guard let out else {
      Output.out(String(decoding: data, as: UTF8.self))
      return ExitCode.success
    }
    return Output.write(data, to: out)
  }
}
