/// Facts about this build of the engine, recorded in every statement it produces.
public enum Engine {
  public static let version = "0.1.0"
}
