digits = 6
intervals = 3
stamp = end
layout = day-rows
time-zone = +08:00
