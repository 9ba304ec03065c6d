/// The words of the contract language.
public enum Keywords {
  /// Words that end an expression or name a clause, so they cannot name anything.
  public static let reserved: Set<String> = [
    "from", "until", "to", "of", "per", "by", "paid", "when", "if", "unless", "in", "x", "for",
    "discount",
    "over", "on", "below", "cap", "floor", "pool", "remainder", "term", "period", "without",
    "arrears",
    "capital", "monthly", "vintage", "stake", "band", "tiered",
  ]

  /// Declarations that own indented lines (bands, rules, steps); the others take none.
  public static let blocks: Set<String> = ["tariff", "subsidy", "points", "pool"]

  /// Top-level declarations and the form each takes, for hints.
  public static let declarations: [(word: String, form: String)] = [
    ("contract", "contract ID \"TITLE\""),
    ("version", "version NUMBER"),
    ("currency", "currency CNY [rounding half-up|half-even|down|up] [decimals N]"),
    ("settle", "settle quarterly from 2026Q1 to 2035Q4"),
    ("gaps", "gaps error | gaps zero [up to 1%]"),
    ("estimate", "estimate none | estimate linear up to N | estimate same-weekday up to N"),
    ("party", "party ID \"NAME\" ROLE [capital AMOUNT]"),
    ("parties", "parties ID from \"FILE.csv\" ROLE"),
    ("unit", "unit NAME"),
    ("input", "input ID [UNIT] [per GROUP] [by vintage] [monthly] [every N minutes | hourly]"),
    ("meter", "meter ID KIND [per GROUP]"),
    ("tariff", "tariff ID CNY/kWh (then indented band lines) or tariff ID = OTHER discount 10%"),
    ("let", "let ID = EXPRESSION"),
    ("kpi", "kpi ID = EXPRESSION"),
    ("revenue", "revenue ID = EXPRESSION"),
    ("subsidy", "subsidy ID = EXPRESSION [paid by PARTY] [in PERIOD]"),
    ("points", "points ID for GROUP [cap N] (then indented rules)"),
    (
      "pool",
      "pool ID = REVENUE + REVENUE ... [rounding half-up|half-even|down|up] [decimals N] [shared gross|net] (then indented steps)"
    ),
    ("vat", "vat 13% included|excluded on REVENUE, ... | vat exempt on REVENUE, ..."),
    (
      "param",
      "param NAME = VALUE, e.g. 'param esco_share = 30%' (then use esco_share as the value)"
    ),
    (
      "assert",
      "assert PARTY [in POOL] <=|>=|<|> AMOUNT|PERCENT of POOL | assert PARTY [in POOL] never falls|rises when INPUT rises"
    ),
  ]

  /// Pool steps and the form each takes.
  public static let steps: [(word: String, form: String)] = [
    ("pay", "pay PARTY AMOUNT, e.g. 'pay op 2% of pool' or 'pay bank 120,000 CNY'"),
    ("reserve", "reserve 5% [of pool|of remainder] to FUND"),
    ("rebate", "rebate 15% to GROUP by METRIC"),
    (
      "split",
      "split A 30%, B 70% | split A, B by METRIC | split GROUP by [column] COLUMN | split tiered | split on KPI"
    ),
    ("cap", "cap [each] PARTY|GROUP AMOUNT per period|per year [with true-up]|over term"),
    ("floor", "floor PARTY AMOUNT [per year [with true-up]] [paid by PARTY]"),
    (
      "loss",
      "loss split A 30%, B 70% | loss split A, B by stake | loss to PARTY | loss carried to FUND"
    ),
    (
      "clawback",
      "clawback PARTY AMOUNT, e.g. 'clawback esco received(esco, capex) if accepted < 1'"
    ),
    (
      "redeem",
      "redeem POINTS at PRICE per point to GROUP [cap AMOUNT each] [, AMOUNT in all]"
    ),
  ]

  public static let roles = [
    "government", "operator", "enterprise", "energy-service", "finance", "other",
  ]

  public static func form(of word: String) -> String? {
    (declarations + steps).first { $0.word == word }?.form
  }
}
