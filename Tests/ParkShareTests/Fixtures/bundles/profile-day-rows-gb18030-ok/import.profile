layout = day-rows
encoding = gb18030
time-zone = +08:00
date = 日期
meter = 表号
intervals = 3
