# 电表示数: hourly cumulative register reads, local time; a meter replaced in
# February is in replacements.csv
layout    = register
time-zone = +08:00
timestamp = time
value     = reading
