/// The small parts read whole: the package's and the workbook's relationships, the workbook's
/// sheet list, and the shared strings (streamed, held as strings).
extension XlsxWorkbook {
  struct Relationship {
    let type: String
    /// The part's name in the archive, resolved against the source part's folder.
    let target: String
  }

  static func read(_ archive: ZipArchive, _ part: String, _ limits: XlsxLimits)
    throws(XlsxError) -> XMLTokenizer
  {
    let bytes: [UInt8]
    do throws(ZipError) {
      bytes = try archive.read(part, maxBytes: limits.maxPartSize)
    } catch {
      throw XlsxError(.archive(error), part: part)
    }
    return XMLTokenizer(
      bytes: bytes, location: XlsxError(.notAWorkbook, part: part), maxToken: limits.maxToken)
  }

  /// Where the workbook is: the package relationship of type officeDocument, else the usual
  /// `xl/workbook.xml`.
  static func workbookPart(_ archive: ZipArchive, _ limits: XlsxLimits) throws(XlsxError)
    -> String
  {
    if archive.entry("_rels/.rels") != nil {
      let rels = try relationships(archive, of: "", limits)
      if let office = rels.values.first(where: { $0.type.hasSuffix("/officeDocument") }),
        archive.entry(office.target) != nil
      {
        return office.target
      }
    }
    guard archive.entry("xl/workbook.xml") != nil else { throw XlsxError(.notAWorkbook) }
    return "xl/workbook.xml"
  }

  static func readWorkbook(_ archive: ZipArchive, _ part: String, _ limits: XlsxLimits)
    throws(XlsxError) -> (sheets: [(name: String, id: String)], date1904: Bool)
  {
    var xml = try read(archive, part, limits)
    var sheets: [(name: String, id: String)] = []
    var date1904 = false
    while try xml.next() != .eof {
      guard xml.kind == .start else { continue }
      if xml.nameIs("workbookPr"), let v = try xml.attributeText("date1904") {
        date1904 = v == "1" || v == "true"
      } else if xml.nameIs("sheet") {
        guard let name = try xml.attributeText("name"), let id = try xml.attributeText("id")
        else { throw xml.fail(.malformedXML("a <sheet> without a name or an r:id")) }
        sheets.append((name, id))
      }
    }
    return (sheets, date1904)
  }

  /// The relationships of `part` (`xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`; "" is
  /// the package, `_rels/.rels`) by id; external targets are left out.
  static func relationships(_ archive: ZipArchive, of part: String, _ limits: XlsxLimits)
    throws(XlsxError) -> [String: Relationship]
  {
    let folder = part.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      .joined(separator: "/")
    let file = part.split(separator: "/").last.map(String.init) ?? ""
    let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    guard archive.entry(relsPart) != nil else { return [:] }
    var xml = try read(archive, relsPart, limits)
    var rels: [String: Relationship] = [:]
    while try xml.next() != .eof {
      guard xml.isStart("Relationship") else { continue }
      if try xml.attributeText("TargetMode") == "External" { continue }
      guard let id = try xml.attributeText("Id"), let type = try xml.attributeText("Type"),
        let target = try xml.attributeText("Target")
      else { throw xml.fail(.malformedXML("a <Relationship> without Id, Type or Target")) }
      if let resolved = resolve(target, in: folder) {
        rels[id] = Relationship(type: type, target: resolved)
      }
    }
    return rels
  }

  /// A relationship's target as a part name: absolute (`/xl/x.xml`) from the package root,
  /// otherwise from the source's folder; `..` may not climb out of the package.
  static func resolve(_ target: String, in folder: String) -> String? {
    var parts: [Substring] =
      target.hasPrefix("/") || folder.isEmpty ? [] : folder.split(separator: "/")
    for p in target.split(separator: "/") {
      if p == "." { continue }
      if p == ".." {
        if parts.isEmpty { return nil }
        parts.removeLast()
      } else {
        parts.append(p)
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }

  static func readSharedStrings(_ archive: ZipArchive, _ part: String, _ limits: XlsxLimits)
    throws(XlsxError) -> [String]
  {
    guard let entry = archive.entry(part) else { return [] }
    let reader: ZipEntryReader
    do throws(ZipError) {
      reader = try archive.open(entry)
    } catch {
      throw XlsxError(.archive(error), part: part)
    }
    var xml = XMLTokenizer(
      location: XlsxError(.notAWorkbook, part: part), maxToken: limits.maxToken
    ) { () throws(XlsxError) -> [UInt8]? in
      do throws(ZipError) {
        return try reader.next()
      } catch {
        throw XlsxError(.archive(error), part: part)
      }
    }
    var strings: [String] = []
    var held = 0
    do throws(XlsxError) {
      while try xml.next() != .eof {
        guard xml.isStart("si") else { continue }
        let s = try xml.stringItem()
        held += s.utf8.count + 16
        if held > limits.maxSharedStrings {
          throw xml.fail(.sharedStringsTooLarge(limit: limits.maxSharedStrings))
        }
        strings.append(s)
      }
    } catch {
      throw xml.damage(behind: error)
    }
    return strings
  }
}
