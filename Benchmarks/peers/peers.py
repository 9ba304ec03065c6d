"""The revenue step's core in other tools, for scale (issue 20): read a bundle's readings
(meter,timestamp,kwh with +08:00 offsets), sum kWh per meter, month and TOU band of the hour,
and value each sum at the band's price. The answer is printed as one total so the tools can be
checked against each other; parkshare computes this and more (every meter's own tariff,
certificates, points, exact decimals).

    python3 Benchmarks/peers/peers.py pandas|polars|duckdb READINGS.csv

Run each under /usr/bin/time -f "%e s %M KB" for wall time and peak memory.
"""
import sys

# The reference park's grid TOU bands (hour of day -> price, CNY/kWh).
BANDS = [0.30] * 24
for h in list(range(8, 11)) + list(range(18, 23)):
    BANDS[h] = 1.20
for h in [7] + list(range(11, 18)):
    BANDS[h] = 0.70


def with_pandas(path):
    import pandas as pd
    df = pd.read_csv(path, dtype={"meter": "string", "timestamp": "string", "kwh": "float64"})
    hour = df["timestamp"].str.slice(11, 13).astype("int8")
    month = df["timestamp"].str.slice(0, 7)
    df["price"] = hour.map(dict(enumerate(BANDS)))
    df["month"] = month
    df["value"] = df["kwh"] * df["price"]
    sums = df.groupby(["meter", "month", "price"], sort=True)["value"].sum()
    return sums.sum()


def with_polars(path):
    import polars as pl
    df = pl.read_csv(path, schema={"meter": pl.Utf8, "timestamp": pl.Utf8, "kwh": pl.Float64})
    out = (
        df.with_columns(
            pl.col("timestamp").str.slice(11, 2).cast(pl.Int32).alias("hour"),
            pl.col("timestamp").str.slice(0, 7).alias("month"),
        )
        .with_columns(
            pl.col("hour").replace_strict(list(range(24)), BANDS, return_dtype=pl.Float64).alias("price")
        )
        .group_by(["meter", "month", "price"])
        .agg((pl.col("kwh") * pl.col("price")).sum().alias("value"))
    )
    return out["value"].sum()


def with_duckdb(path):
    import duckdb
    con = duckdb.connect()
    con.execute("CREATE TABLE bands(h INTEGER, price DOUBLE)")
    con.executemany("INSERT INTO bands VALUES (?, ?)", list(enumerate(BANDS)))
    return con.execute(
        f"""
        SELECT sum(value) FROM (
          SELECT meter, substr(timestamp, 1, 7) AS month, b.price, sum(kwh * b.price) AS value
          FROM read_csv('{path}', columns={{'meter': 'VARCHAR', 'timestamp': 'VARCHAR', 'kwh': 'DOUBLE'}}, header=true) r
          JOIN bands b ON b.h = CAST(substr(r.timestamp, 12, 2) AS INTEGER)
          GROUP BY ALL)
        """
    ).fetchone()[0]


if __name__ == "__main__":
    tool, path = sys.argv[1], sys.argv[2]
    total = {"pandas": with_pandas, "polars": with_polars, "duckdb": with_duckdb}[tool](path)
    print(f"{tool}: {total:.2f} CNY")
