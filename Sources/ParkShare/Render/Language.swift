/// The languages the catalogue speaks. Numbers, identifiers, units and file names are written
/// the same in each; only the words around them change.
public enum Language: String, Sendable, CaseIterable {
  case zh, en
}

extension Wording {
  /// The catalogue of `language`.
  public static func of(_ language: Language) -> Wording {
    switch language {
    case .en: .en
    case .zh: .zh
    }
  }
}
