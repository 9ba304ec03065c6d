layout = day-rows
time-zone = +08:00
intervals = 3
