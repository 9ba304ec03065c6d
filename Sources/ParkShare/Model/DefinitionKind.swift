/// What a named definition of a contract is: a `let` (a value used by other formulas), a
/// `kpi` (a measured indicator that terms refer to) or a `revenue` (a stream that feeds pools).
/// In the model because the checked contract keeps it; the parser's `DefinitionDecl` uses it.
public enum DefinitionKind: String, Sendable, Codable { case `let`, kpi, revenue }
