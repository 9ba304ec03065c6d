layout = long
timezone = +08:00
unit = kwh2
skip = -1
layout = day-rows
delimiter = |
meter
