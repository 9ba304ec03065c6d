delimiter = ;
time-zone = +08:00
