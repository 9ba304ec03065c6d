/// What a projection draws at random or a sensitivity run moves: a meter kind's kWh, an input,
/// or a tariff. A value, so runs neither build nor take apart `input:ID` text; outputs name it
/// that way (`description`).
public enum Driver: Sendable, Hashable, CustomStringConvertible {
  case kWh(String)
  case input(String)
  case tariff(String)

  public var description: String {
    switch self {
    case .kWh(let kind): return "kWh:" + kind
    case .input(let id): return "input:" + id
    case .tariff(let id): return "tariff:" + id
    }
  }
}
