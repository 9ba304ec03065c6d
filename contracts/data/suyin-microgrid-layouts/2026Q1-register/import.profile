# 电表示数: hourly cumulative register reads, local time
layout    = register
time-zone = +08:00
timestamp = time
value     = reading
