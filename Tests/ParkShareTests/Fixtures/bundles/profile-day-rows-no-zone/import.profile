layout = day-rows
intervals = 3
