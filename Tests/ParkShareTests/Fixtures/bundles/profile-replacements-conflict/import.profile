layout = register
value = register
time-zone = +08:00
